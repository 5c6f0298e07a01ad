package dev.chaosaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.sandbox.Sandbox;
import dev.chaosaction.value.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The brief's pod-termination example through the action, against the simulated cluster, with a kubeconfig. */
class SandboxActionTest {
    @TempDir
    Path temp;

    @Test
    void theTerminatePodExampleListsTheTerminatedPodInTheSummary() throws Exception {
        ActionProcess action = new ActionProcess(temp);
        action.file("chaos/terminate-pod.json", Files.readString(Path.of("..", "examples", "terminate-pod.json")));
        Path kubeconfig = action.workspace().resolve("kube/sandbox.yaml");
        Files.createDirectories(kubeconfig.getParent());
        try (Sandbox sandbox = Sandbox.builder().recreateDelay(Duration.ofMillis(500)).kubeconfig(kubeconfig).start()) {
            sandbox.awaitReady(Duration.ofSeconds(30));
            List<String> podsBefore = sandbox.client().pods().inNamespace("shop").list().getItems().stream()
                    .map(p -> p.getMetadata().getName()).toList();

            ActionProcess.Result result = action.input("experiment", "chaos/terminate-pod.json")
                    .input("kubeconfig", "kube/sandbox.yaml")
                    .input("vars", "base_url=" + sandbox.healthUrl().replaceFirst("/health$", "") + "\n")
                    .run();

            assertEquals(0, result.exitCode(), result.stdout());
            assertEquals("completed", result.outputs().get("status"));
            Map<?, ?> journal = (Map<?, ?>) Json.parse(Files.readString(action.workspace().resolve("chaos-journal.json")));
            List<?> terminated = (List<?>) ((Map<?, ?>) ((List<?>) journal.get("run")).getFirst()).get("output");
            assertEquals(1, terminated.size());
            String pod = (String) terminated.getFirst();
            assertTrue(podsBefore.contains(pod), pod + " not in " + podsBefore);
            assertTrue(result.summary().startsWith("## ✅ Held: the steady state was met before and after the faults\n"), result.summary());
            // The journal keeps the activity as declared; the summary shows what ${namespace} resolved to (env).
            assertTrue(result.summary().contains("### Targeted\n\n| Pod terminated | Namespace | Activity |\n"
                    + "| --- | --- | --- |\n| " + pod + " | shop | terminate-one-web-pod |\n"), result.summary());
            assertTrue(result.summary().contains("| all-nodes-ready-to-schedule | ✅ succeeded | yes |"),
                    result.summary());
            assertFalse(result.stdout().contains("::error"), result.stdout());
        }
    }
}
