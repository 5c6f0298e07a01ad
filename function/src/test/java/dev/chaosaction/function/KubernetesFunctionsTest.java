package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chaosaction.sandbox.Sandbox;
import dev.chaosaction.value.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The function runs the Kubernetes extension's functions with only the fabric8 model modules its artefact
 * ships (the pom leaves the others out, here as in the jar): pods (delete, evict, exec, logs), nodes (probe,
 * cordon), Deployments (probes, scale, rollout), against the simulated cluster.
 */
@Timeout(120)
class KubernetesFunctionsTest {
    @TempDir
    Path journals;

    @Test
    void podNodeAndDeploymentFunctionsRunAgainstTheSimulatedCluster() throws Exception {
        try (Sandbox sandbox = Sandbox.builder().recreateDelay(Duration.ofMillis(300)).start()) {
            sandbox.awaitReady(Duration.ofSeconds(30));
            // exec_in_pods and read_pod_logs are among them: the operator allows them.
            FunctionConfig config = FunctionConfig.fromEnv(Map.of(FunctionConfig.JOURNAL_DIR, journals.toString(),
                    "KUBECONFIG", sandbox.kubeconfig().toString(),
                    FunctionConfig.ALLOWED_FUNCTIONS, "exec_in_pods,read_pod_logs"));
            Harness function = Harness.with(new ChaosHandler(new ChaosFunction(config, ChaosFunction.libraries(config.policy().egress()),
                    () -> {
                        throw new AssertionError("journals go to a directory");
                    })));
            Map<String, Object> response = function.invoke("""
                    {"title": "k8s", "description": "the extension's functions in Lambda",
                     "steady-state-hypothesis": {"title": "healthy", "probes": [
                       {"type": "probe", "name": "nodes", "tolerance": true, "provider": {"type": "python",
                        "module": "chaosk8s.node.probes", "func": "all_nodes_must_be_ready_to_schedule"}},
                       {"type": "probe", "name": "deployment", "tolerance": true, "provider": {"type": "python",
                        "module": "chaosk8s.deployment.probes", "func": "deployment_available_and_healthy",
                        "arguments": {"name": "web", "ns": "shop"}}}]},
                     "method": [
                       {"type": "action", "name": "evict", "provider": {"type": "python",
                        "module": "chaosk8s.pod.actions", "func": "terminate_pods",
                        "arguments": {"label_selector": "app=web", "ns": "shop", "qty": 1, "use_eviction": true}}},
                       {"type": "action", "name": "delete", "provider": {"type": "python",
                        "module": "chaosk8s.pod.actions", "func": "terminate_pods",
                        "arguments": {"label_selector": "app=web", "ns": "shop", "qty": 1}}},
                       {"type": "action", "name": "scale", "provider": {"type": "python",
                        "module": "chaosk8s.deployment.actions", "func": "scale_deployment",
                        "arguments": {"name": "web", "replicas": 3, "ns": "shop"}}},
                       {"type": "action", "name": "rollout", "provider": {"type": "python",
                        "module": "chaosk8s.deployment.actions", "func": "rollout_deployment",
                        "arguments": {"name": "web", "ns": "shop"}}},
                       {"type": "action", "name": "cordon", "provider": {"type": "python",
                        "module": "chaosk8s.node.actions", "func": "cordon_node",
                        "arguments": {"name": "sandbox-node-2"}}},
                       {"type": "action", "name": "uncordon", "provider": {"type": "python",
                        "module": "chaosk8s.node.actions", "func": "uncordon_node",
                        "arguments": {"name": "sandbox-node-2"}}},
                       {"type": "action", "name": "exec", "provider": {"type": "python",
                        "module": "chaosk8s.pod.actions", "func": "exec_in_pods",
                        "arguments": {"cmd": "echo hi", "label_selector": "app=web", "ns": "shop", "qty": 1}}},
                       {"type": "probe", "name": "logs", "provider": {"type": "python",
                        "module": "chaosk8s.pod.probes", "func": "read_pod_logs",
                        "arguments": {"label_selector": "app=web", "ns": "shop"}}},
                       {"type": "probe", "name": "wait", "provider": {"type": "python",
                        "module": "chaosk8s.deployment.probes", "func": "deployment_fully_available",
                        "arguments": {"name": "web", "ns": "shop", "timeout": 30}}}]}""");
            assertEquals("completed", response.get("status"), function.lines::toString);
            assertEquals(false, response.get("deviated"), function.lines::toString);
            Map<?, ?> journal = (Map<?, ?>) Json.parse(Files.readString(journalFile()));
            List<?> run = (List<?>) journal.get("run");
            assertEquals(java.util.Collections.nCopies(9, "succeeded"),
                    run.stream().map(item -> ((Map<?, ?>) item).get("status")).toList(), run::toString);
        }
    }

    private Path journalFile() throws Exception {
        try (var files = Files.walk(journals)) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.toString().contains("lock")).findFirst()
                    .orElseThrow();
        }
    }
}
