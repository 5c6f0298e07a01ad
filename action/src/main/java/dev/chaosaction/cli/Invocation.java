package dev.chaosaction.cli;

import dev.chaosaction.addons.SafeguardsControl;
import dev.chaosaction.config.Overrides;
import dev.chaosaction.config.Vars;
import dev.chaosaction.control.ControlLibrary;
import dev.chaosaction.experiment.ExperimentLoader;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.journal.S3Clients;
import dev.chaosaction.kubernetes.Kubernetes;
import dev.chaosaction.run.Engine;
import dev.chaosaction.run.EngineOptions;
import dev.chaosaction.run.Prepared;
import dev.chaosaction.safety.CloudWatchClients;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps {@code run}, {@code validate} and the GitHub Action share: read variables, load, validate, resolve.
 */
public record Invocation(Engine engine, Prepared prepared) {

    static Invocation prepare(Chaos chaos, Path source, List<String> vars, List<Path> varFiles, boolean validate,
                              Map<String, String> extraEnv) throws UsageError, InvalidExperimentException {
        Map<String, Object> controls;
        try {
            controls = chaos.settingsControls();
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        Map<String, Object> document = ExperimentLoader.load(chaos.resolve(source));
        Engine engine = engine(extraEnv);
        return new Invocation(engine, engine.prepare(document, overrides(chaos, vars, varFiles), validate, controls));
    }

    /**
     * Loads {@code source} and prepares it with overrides already read; {@code extraEnv} is layered over the
     * process environment for the engine (the action's cluster inputs).
     */
    public static Invocation prepare(Path source, Overrides overrides, boolean validate, Map<String, String> extraEnv)
            throws InvalidExperimentException {
        Map<String, Object> document = ExperimentLoader.load(source);
        Engine engine = engine(extraEnv);
        return new Invocation(engine, engine.prepare(document, overrides, validate));
    }

    /**
     * The engine over the process environment plus {@code extraEnv}. Kill switches ({@code CHAOS_KILL_SWITCH},
     * {@code runtime.kill_switch}) and stop alarms ({@code CHAOS_STOP_ALARMS}, {@code runtime.stop_conditions}) are
     * read with clients made from that environment; the safeguards control is served. No target locks: a
     * command-line run has no storage shared with other runners (the Lambda function's are in its bucket).
     */
    static Engine engine(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(extraEnv);
        return new Engine(EngineOptions.of(env, List.of(Kubernetes.libraryFactory()))
                .withControls(new ControlLibrary(List.of(new SafeguardsControl())))
                .withS3(() -> S3Clients.fromEnv(env))
                .withCloudWatch(() -> CloudWatchClients.fromEnv(env)));
    }

    static void printProblems(PrintStream err, InvalidExperimentException e) {
        int n = e.problems().size();
        err.println("The experiment is not valid (" + n + (n == 1 ? " problem" : " problems") + "):");
        for (Problem p : e.problems()) err.println("  " + p);
    }

    private static Overrides overrides(Chaos chaos, List<String> vars, List<Path> varFiles) throws UsageError {
        try {
            return Vars.load(varFiles.stream().map(chaos::resolve).toList(), vars);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
