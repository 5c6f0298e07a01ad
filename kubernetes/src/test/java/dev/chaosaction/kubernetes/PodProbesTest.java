package dev.chaosaction.kubernetes;

import static dev.chaosaction.kubernetes.Catalog.POD_ACTIONS;
import static dev.chaosaction.kubernetes.Catalog.POD_PROBES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.safety.GuardrailViolation;
import dev.chaosaction.value.Json;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pod probes, and exec_in_pods, against the sandbox's three Running and Ready web pods. */
class PodProbesTest {
    @RegisterExtension
    final Chaosk8s k8s = Chaosk8s.withoutRecovery();

    @Test
    void podsInPhase() throws ActivityFailed {
        assertEquals(true, probe("pods_in_phase", Map.of("label_selector", "app=web", "ns", "shop")));
        assertEquals(false, probe("pods_in_phase", Map.of("label_selector", "app=web", "ns", "shop",
                "phase", "Pending", "raise_on_invalid_phase", false)));
        assertEquals("pod 'app=web' is in phase 'Running' but should be 'Pending'", failure("pods_in_phase",
                Map.of("label_selector", "app=web", "ns", "shop", "phase", "Pending")));
        assertEquals("no pods 'app=none' were found", failure("pods_in_phase",
                Map.of("label_selector", "app=none", "ns", "shop")));
    }

    @Test
    void podsNotInPhase() throws ActivityFailed {
        assertEquals(true, probe("pods_not_in_phase", Map.of("label_selector", "app=web", "ns", "shop",
                "phase", "Failed")));
        assertEquals(false, probe("pods_not_in_phase", Map.of("label_selector", "app=web", "ns", "shop",
                "raise_on_in_phase", false)));
        assertEquals("pod 'app=web' should not be in phase 'Running'", failure("pods_not_in_phase",
                Map.of("label_selector", "app=web", "ns", "shop")));
        assertEquals("no pods 'app=none' were found", failure("pods_not_in_phase",
                Map.of("label_selector", "app=none", "ns", "shop")));
    }

    @Test
    void podsInConditions() throws ActivityFailed {
        List<Object> ready = List.of(Map.of("type", "Ready", "status", "True"),
                Map.of("type", "ContainersReady", "status", "True"));
        assertEquals(true, probe("pods_in_conditions", Map.of("label_selector", "app=web", "ns", "shop",
                "conditions", ready)));
        Object notReady = Json.parse("[{\"type\": \"Ready\", \"status\": \"False\"}]");
        assertEquals(false, probe("pods_in_conditions", Map.of("label_selector", "app=web", "ns", "shop",
                "conditions", notReady, "raise_on_invalid_conditions", false)));
        String first = k8s.podNames().getFirst();
        assertEquals("pod " + first + " does not match the following given condition: {'type': 'Ready', "
                + "'status': 'False'}", failure("pods_in_conditions", Map.of("label_selector", "app=web",
                "ns", "shop", "conditions", notReady)));
    }

    @Test
    void countPodsAndCountMinPods() throws ActivityFailed {
        createPod("batch-1", "Pending");
        assertEquals(3L, probe("count_pods", Map.of("label_selector", "app=web", "ns", "shop")));
        assertEquals(4L, probe("count_pods", Map.of("label_selector", "", "ns", "shop")));
        assertEquals(1L, probe("count_pods", Map.of("label_selector", "", "ns", "shop", "phase", "Pending")));
        assertEquals(0L, probe("count_pods", Map.of("label_selector", "app=none", "ns", "shop")));
        assertEquals(true, probe("count_min_pods", Map.of("label_selector", "app=web", "ns", "shop")));
        assertEquals(true, probe("count_min_pods", Map.of("label_selector", "app=web", "ns", "shop",
                "min_count", 3)));
        assertEquals(false, probe("count_min_pods", Map.of("label_selector", "app=web", "ns", "shop",
                "min_count", 4)));
    }

    @Test
    void allPodsHealthy() throws ActivityFailed {
        assertEquals(true, probe("all_pods_healthy", Map.of("ns", "shop")));
        createPod("batch-1", "Failed");
        createPod("batch-2", "Pending");
        assertEquals(false, probe("all_pods_healthy", Map.of("ns", "shop", "raise_on_any_unhealthy", false)));
        assertEquals("the system is unhealthy: failed pods [batch-1], pods neither running nor succeeded "
                + "[batch-2]", failure("all_pods_healthy", Map.of("ns", "shop")));
    }

    @Test
    void readPodLogsGivesEachPodsTimestampedLog() throws ActivityFailed {
        Map<?, ?> logs = (Map<?, ?>) probe("read_pod_logs", Map.of("label_selector", "app=web", "ns", "shop",
                "last", "10 minutes"));
        assertEquals(k8s.podNames(), List.copyOf(logs.keySet()));
        Pod first = k8s.pods().getFirst();
        String log = (String) logs.get(first.getMetadata().getName());
        assertTrue(log.startsWith(first.getMetadata().getCreationTimestamp() + " sandbox: simulated container of pod "
                + first.getMetadata().getName() + " started\n"), log);
    }

    @Test
    void readPodLogsFillsTheNameIntoTheSelector() throws ActivityFailed {
        Map<?, ?> logs = (Map<?, ?>) probe("read_pod_logs", Map.of("name", "web", "label_selector", "app={name}",
                "ns", "shop", "container_name", "web"));
        assertEquals(3, logs.size());
    }

    @Test
    void readPodLogsRefusesTheDefaultSelectorWithoutAName() {
        assertEquals("read_pod_logs: label_selector 'name in ({name})' needs a name; pass name or a label_selector "
                + "without {name}", failure("read_pod_logs", Map.of("ns", "shop")));
    }

    @Test
    void readPodLogsRefusesASpanItCannotRead() {
        assertEquals("read_pod_logs: cannot read last='yesterday'; write a number and a unit, such as "
                + "'10 minutes' or '2 hours'", failure("read_pod_logs", Map.of("label_selector", "app=web",
                "ns", "shop", "last", "yesterday")));
    }

    @Test
    void podIsNotAvailable() throws ActivityFailed {
        assertEquals("pod 'web' is actually running", failure("pod_is_not_available",
                Map.of("name", "web", "label_selector", "app={name}", "ns", "shop")));
        assertEquals(false, probe("pod_is_not_available", Map.of("name", "web", "label_selector", "app={name}",
                "ns", "shop", "raise_on_is_available", false)));
        assertEquals(true, probe("pod_is_not_available", Map.of("name", "api", "label_selector", "app={name}",
                "ns", "shop")));
    }

    @Test
    void execRunsTheCommandInThePodsFirstContainerByDefault() throws ActivityFailed {
        String first = k8s.podNames().getFirst();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("pod_name", first);
        expected.put("exit_code", 0L);
        expected.put("cmd", "echo 'hello chaos' again");
        expected.put("stdout", "hello chaos again\n");
        expected.put("stderr", "");
        assertEquals(List.of(expected), k8s.call(POD_ACTIONS, "exec_in_pods", Map.of("cmd",
                "echo 'hello chaos' again", "label_selector", "app=web", "ns", "shop")));
    }

    @Test
    void execReportsExitCodesAndStderrPerPod() throws ActivityFailed {
        List<?> results = (List<?>) k8s.call(POD_ACTIONS, "exec_in_pods", Map.of("cmd", List.of("ls", "/"),
                "label_selector", "app=web", "ns", "shop", "all", true, "container_name", "web"));
        assertEquals(3, results.size());
        Map<?, ?> first = (Map<?, ?>) results.getFirst();
        assertEquals(127L, first.get("exit_code"));
        assertEquals(List.of("ls", "/"), first.get("cmd"));
        assertEquals("sandbox: ls: command not found (the simulated containers run only echo, true and false)\n",
                first.get("stderr"));
    }

    @Test
    void execSkipsPodsWithoutTheNamedContainer() throws ActivityFailed {
        assertEquals(List.of(), k8s.call(POD_ACTIONS, "exec_in_pods", Map.of("cmd", "true",
                "label_selector", "app=web", "ns", "shop", "container_name", "sidecar")));
    }

    @Test
    void execInADryRunNamesThePodsAndRunsNothing() throws ActivityFailed {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("dry_run", true);
        expected.put("would_exec_in", k8s.podNames().subList(0, 2));
        expected.put("cmd", "false");
        assertEquals(expected, k8s.dryRun(POD_ACTIONS, "exec_in_pods", Map.of("cmd", "false",
                "label_selector", "app=web", "ns", "shop", "qty", 2)));
    }

    @Test
    void execChecksTheNamespaceGuardrailAndTheCommand() {
        assertEquals("guardrail: namespace 'kube-system' is denied (denied namespaces: kube-system); list it in the "
                + "allowed namespaces to touch it", assertThrows(GuardrailViolation.class, () -> k8s.call(POD_ACTIONS,
                "exec_in_pods", Map.of("cmd", "true", "ns", "kube-system"))).getMessage());
        assertEquals("A command must be set to run a container", assertThrows(ActivityFailed.class,
                () -> k8s.call(POD_ACTIONS, "exec_in_pods", Map.of("cmd", "", "ns", "shop"))).getMessage());
        assertEquals("cannot split the command 'echo \"oops': No closing quotation", assertThrows(ActivityFailed.class,
                () -> k8s.call(POD_ACTIONS, "exec_in_pods", Map.of("cmd", "echo \"oops", "ns", "shop"))).getMessage());
    }

    private Object probe(String func, Map<String, Object> arguments) throws ActivityFailed {
        return k8s.call(POD_PROBES, func, arguments);
    }

    private String failure(String func, Map<String, Object> arguments) {
        return assertThrows(ActivityFailed.class, () -> probe(func, arguments)).getMessage();
    }

    private void createPod(String name, String phase) {
        k8s.client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName(name)
                .addToLabels("app", "batch").endMetadata().withNewSpec().addNewContainer().withName("job")
                .withImage("busybox").endContainer().endSpec().withNewStatus().withPhase(phase).endStatus().build())
                .create();
    }
}
