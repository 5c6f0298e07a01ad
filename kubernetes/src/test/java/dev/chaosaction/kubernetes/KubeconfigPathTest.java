package dev.chaosaction.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chaosaction.config.Overrides;
import dev.chaosaction.experiment.ExperimentLoader;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.run.Engine;
import dev.chaosaction.run.EngineOptions;
import dev.chaosaction.run.Prepared;
import dev.chaosaction.run.RunControl;
import dev.chaosaction.run.RunListener;
import dev.chaosaction.run.RunSettings;
import dev.chaosaction.value.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment names its kubeconfig; in Lambda the experiment comes from a payload, so a path with {@code ..}
 * can point at any file the function can read. Reading it is what a kubeconfig setting means; what matters is
 * that a file which is not a kubeconfig never has its content repeated in the journal.
 */
class KubeconfigPathTest {
    private static final String SECRET = "hunter2-from-the-environment";

    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotAKubeconfigIsNamedButNeverQuoted() throws Exception {
        Files.createDirectories(dir.resolve("work"));
        Files.writeString(dir.resolve("environ"), "AWS_SECRET_ACCESS_KEY=" + SECRET + "\nHOME=/root\n");
        String path = dir.resolve("work/../environ").toString();
        Map<String, Object> experiment = ExperimentLoader.parse("""
                {"title": "t", "description": "d", "configuration": {"kubeconfig": "%s"},
                 "method": [{"type": "probe", "name": "pods", "provider": {"type": "python",
                   "module": "chaosk8s.pod.probes", "func": "count_pods", "arguments": {"label_selector": "app=web"}}}]}
                """.formatted(path), ExperimentLoader.Format.JSON);
        Engine engine = new Engine(EngineOptions.of(Map.of("HOME", dir.toString()),
                List.of(Kubernetes.libraryFactory())));
        Prepared prepared = engine.prepare(experiment, Overrides.NONE, true);

        Journal journal = engine.run(prepared, RunSettings.DEFAULTS, RunListener.NONE, new RunControl(), "kc");

        assertEquals(List.of("chaoslib.exceptions.ActivityFailed: cannot connect to the Kubernetes cluster: kubeconfig "
                + path + " is not a valid kubeconfig\n"), journal.run().getFirst().toMap().get("exception"));
        assertFalse(Json.write(Engine.document(prepared, journal)).contains(SECRET));
    }
}
