package dev.chaosaction.compat;

import java.util.List;
import java.util.Map;

/**
 * One experiment run through both tools the same way.
 *
 * @param id          the case's name (its path under the corpus, or its generated family and variant)
 * @param command     {@code run} or {@code validate}
 * @param extension   how the experiment file is named ({@code json}, {@code yaml})
 * @param experiment  the experiment's text; {@code @HTTP@} stands for the loopback server's base URL and
 *                    {@code @HEALTH@} for the cluster's health endpoint
 * @param args        options after the sub-command, before the experiment (e.g. {@code --dry probes})
 * @param env         environment variables both tools get
 * @param files       other files the case's directory holds (var files), by name
 * @param cluster     whether the case needs a cluster (a fresh sandbox for each tool)
 */
record Case(String id, String command, String extension, String experiment, List<String> args,
            Map<String, String> env, Map<String, String> files, boolean cluster) {

    static Case run(String id, String experiment) {
        return new Case(id, "run", "json", experiment, List.of(), Map.of(), Map.of(), needsCluster(experiment));
    }

    Case withArgs(List<String> more) {
        return new Case(id, command, extension, experiment, more, env, files, cluster);
    }

    Case withEnv(Map<String, String> more) {
        return new Case(id, command, extension, experiment, args, more, files, cluster);
    }

    Case withFiles(Map<String, String> more) {
        return new Case(id, command, extension, experiment, args, env, more, cluster);
    }

    Case validating() {
        return new Case(id, "validate", extension, experiment, args, env, files, cluster);
    }

    Case as(String newId) {
        return new Case(newId, command, extension, experiment, args, env, files, cluster);
    }

    static boolean needsCluster(String experiment) {
        return experiment.contains("chaosk8s") || experiment.contains("@HEALTH@");
    }

    @Override
    public String toString() {
        return id;
    }
}
