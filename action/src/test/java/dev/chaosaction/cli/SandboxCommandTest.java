package dev.chaosaction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.value.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: the brief's pod-termination experiment against the simulated cluster. */
@Timeout(120)
class SandboxCommandTest {
    @TempDir
    Path dir;

    @Test
    void theTerminatePodExampleRunsEndToEnd() throws Exception {
        Path journal = dir.resolve("journal.json");
        int code = Chaos.execute("sandbox", "--recreate-delay", "0.5", "--journal-path", journal.toString(),
                Path.of("..", "examples", "terminate-pod.json").toString());
        assertEquals(0, code);
        Map<?, ?> j = (Map<?, ?>) Json.parse(Files.readString(journal));
        assertEquals("completed", j.get("status"));
        assertEquals(Boolean.FALSE, j.get("deviated"));
        Map<?, ?> kill = (Map<?, ?>) ((List<?>) j.get("run")).getFirst();
        List<?> terminated = (List<?>) kill.get("output");
        assertEquals(1, terminated.size());
        assertTrue(((String) terminated.getFirst()).startsWith("web-"), terminated::toString);
        assertEquals(Boolean.TRUE, ((Map<?, ?>) ((Map<?, ?>) j.get("steady_states")).get("after")).get("steady_state_met"));
    }

    @Test
    void theTerminatePodExampleRunsOnARealControlPlaneWithKubeBin() throws Exception {
        String bin = System.getenv("CHAOS_KUBE_BIN");
        if (bin == null || bin.isBlank()) {
            String why = "CHAOS_KUBE_BIN is not set: no control plane binaries (kube/build.sh builds them)";
            if ("true".equals(System.getenv("CI"))) throw new IllegalStateException(why);
            Assumptions.abort(why);
        }
        Path journal = dir.resolve("journal.json");
        assertEquals(0, Chaos.execute("sandbox", "--kube-bin", bin, "--journal-path", journal.toString(),
                Path.of("..", "examples", "terminate-pod.json").toString()));
        Map<?, ?> j = (Map<?, ?>) Json.parse(Files.readString(journal));
        assertEquals("completed", j.get("status"));
        List<?> terminated = (List<?>) ((Map<?, ?>) ((List<?>) j.get("run")).getFirst()).get("output");
        assertEquals(1, terminated.size());
        assertTrue(((String) terminated.getFirst()).startsWith("web-"), terminated::toString);
    }

    @Test
    void theHealthCheckExampleRunsEndToEnd() throws Exception {
        Path journal = dir.resolve("journal.json");
        assertEquals(0, Chaos.execute("sandbox", "--journal-path", journal.toString(),
                Path.of("..", "examples", "health-check.json").toString()));
        assertEquals("completed", ((Map<?, ?>) Json.parse(Files.readString(journal))).get("status"));
    }
}
