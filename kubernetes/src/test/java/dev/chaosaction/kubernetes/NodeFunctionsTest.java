package dev.chaosaction.kubernetes;

import static dev.chaosaction.kubernetes.Catalog.NODE_ACTIONS;
import static dev.chaosaction.kubernetes.Catalog.NODE_PROBES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.safety.GuardrailViolation;
import dev.chaosaction.safety.Guardrails;
import dev.chaosaction.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Node probes and actions against the sandbox's two nodes (sandbox-node-1 and -2). */
class NodeFunctionsTest {
    private static final String NODE_1 = "sandbox-node-1";
    private static final String NODE_2 = "sandbox-node-2";

    @RegisterExtension
    final Chaosk8s k8s = Chaosk8s.withRecovery(Guardrails.defaults());

    @Test
    void getNodesReturnsTheNodeListAsPlainJson() throws ActivityFailed {
        Map<?, ?> list = (Map<?, ?>) probe("get_nodes", Map.of());
        assertEquals("v1", list.get("apiVersion"));
        List<?> items = (List<?>) list.get("items");
        assertEquals(List.of(NODE_1, NODE_2), items.stream()
                .map(i -> ((Map<?, ?>) ((Map<?, ?>) i).get("metadata")).get("name")).toList());
        Map<?, ?> one = (Map<?, ?>) probe("get_nodes", Map.of("label_selector", "kubernetes.io/hostname=" + NODE_2));
        assertEquals(1, ((List<?>) one.get("items")).size());
    }

    @Test
    void getAllNodeStatusConditions() throws ActivityFailed {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", NODE_1);
        expected.put("Ready", "True");
        expected.put("MemoryPressure", "False");
        expected.put("DiskPressure", "False");
        expected.put("PIDPressure", "False");
        expected.put("NetworkUnavailable", "False");
        List<?> all = (List<?>) probe("get_all_node_status_conditions", Map.of());
        assertEquals(2, all.size());
        assertEquals(expected, all.getFirst());
    }

    @Test
    void allNodesMustBeReadyToScheduleAlsoLooksAtCordons() throws ActivityFailed {
        assertEquals(true, probe("all_nodes_must_be_ready_to_schedule", Map.of()));
        k8s.setSchedulable(NODE_2, false);
        assertEquals(false, probe("all_nodes_must_be_ready_to_schedule", Map.of()));
        assertEquals(true, probe("all_nodes_must_be_ready_to_schedule",
                Map.of("label_selector", "kubernetes.io/hostname=" + NODE_1)));
    }

    @Test
    void verifyNodesCondition() throws ActivityFailed {
        assertEquals(true, probe("verify_nodes_condition", Map.of()));
        assertEquals(true, probe("verify_nodes_condition", Map.of("condition_type", "Ready",
                "condition_value", "True")));
        assertEquals(false, probe("verify_nodes_condition", Map.of("condition_type", "Ready",
                "condition_value", "False")));
        assertEquals(false, probe("verify_nodes_condition", Map.of("condition_type", "KernelDeadlock")));
    }

    @Test
    void nodesMustBeHealthyChecksTheConditionsNodesReport() throws ActivityFailed {
        assertEquals(true, probe("nodes_must_be_healthy", Map.of()));
        setCondition(NODE_2, "MemoryPressure", "True");
        assertEquals(false, probe("nodes_must_be_healthy", Map.of()));
        assertEquals(true, probe("nodes_must_be_healthy",
                Map.of("label_selector", "kubernetes.io/hostname=" + NODE_1)));
    }

    @Test
    void nodeIsReadyIsTheBriefsProbe() throws ActivityFailed {
        assertEquals(true, k8s.call("chaosk8s.probes", "node_is_ready", Map.of("name", NODE_1)));
        setCondition(NODE_1, "Ready", "False");
        assertEquals(false, k8s.call("chaosk8s.probes", "node_is_ready", Map.of("name", NODE_1)));
        assertEquals(false, k8s.call("chaosk8s.probes", "node_is_ready", Map.of("name", "no-such-node")));
    }

    @Test
    void cordonAndUncordonByName() throws ActivityFailed {
        assertEquals(List.of(NODE_1), k8s.call(NODE_ACTIONS, "cordon_node", Map.of("name", NODE_1)));
        assertEquals(Map.of(NODE_1, true, NODE_2, false), unschedulable());
        assertEquals(List.of(NODE_1), k8s.call(NODE_ACTIONS, "uncordon_node", Map.of("name", NODE_1)));
        assertEquals(Map.of(NODE_1, false, NODE_2, false), unschedulable());
    }

    @Test
    void cordonWithoutNameOrSelectorCordonsEveryNodeLikeTheExtension() throws ActivityFailed {
        assertEquals(List.of(NODE_1, NODE_2), k8s.call(NODE_ACTIONS, "cordon_node", Map.of()));
        assertEquals(Map.of(NODE_1, true, NODE_2, true), unschedulable());
    }

    @Test
    void cordonInADryRunChangesNothing() throws ActivityFailed {
        assertEquals(Map.of("dry_run", true, "would_cordon", List.of(NODE_2)),
                k8s.dryRun(NODE_ACTIONS, "cordon_node", Map.of("label_selector", "kubernetes.io/hostname=" + NODE_2)));
        assertEquals(Map.of(NODE_1, false, NODE_2, false), unschedulable());
    }

    @Test
    void anUnknownNodeIsAFailure() {
        assertEquals("failed to find a node that matches selector", assertThrows(ActivityFailed.class,
                () -> k8s.call(NODE_ACTIONS, "cordon_node", Map.of("name", "nope"))).getMessage());
    }

    @Test
    void drainCordonsEvictsAndWaitsUntilThePodsAreGone() throws ActivityFailed {
        Set<String> onNode1 = podsOn(NODE_1);
        assertEquals(2, onNode1.size());
        assertEquals(List.of(NODE_1), k8s.call(NODE_ACTIONS, "drain_nodes", Map.of("name", NODE_1, "timeout", 10)));
        assertEquals(Map.of(NODE_1, true, NODE_2, false), unschedulable());
        assertEquals(Set.of(), podsOn(NODE_1));
        assertEquals(onNode1.size(), k8s.deletions().stream().filter(c -> c.path().endsWith("/eviction")).count());
        // The controller brings the evicted pods back, on the node that still takes pods.
        Chaosk8s.await(() -> k8s.pods().size() == 3);
        assertEquals(Set.of(NODE_2),
                k8s.pods().stream().map(p -> p.getSpec().getNodeName()).collect(Collectors.toSet()));
    }

    @Test
    void drainRefusesAnUnmanagedPodBeforeCordoning() {
        k8s.client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("handmade")
                .endMetadata().withNewSpec().withNodeName(NODE_1).addNewContainer().withName("c").withImage("busybox")
                .endContainer().endSpec().withNewStatus().withPhase("Running").endStatus().build()).create();
        assertEquals("Pod 'handmade' on node '" + NODE_1 + "' is unmanaged, cannot drain this node. Delete it "
                + "manually first?", assertThrows(ActivityFailed.class, () -> k8s.call(NODE_ACTIONS, "drain_nodes",
                Map.of("name", NODE_1))).getMessage());
        assertEquals(Map.of(NODE_1, false, NODE_2, false), unschedulable());
        assertEquals(List.of(), k8s.deletions());
    }

    @Test
    void drainLeavesDaemonSetAndMirrorPodsAlone() throws ActivityFailed {
        k8s.client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("agent")
                .addNewOwnerReference().withKind("DaemonSet").withName("agent").withApiVersion("apps/v1")
                .withUid("u1").withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withNodeName(NODE_1).addNewContainer().withName("c").withImage("busybox").endContainer()
                .endSpec().build()).create();
        k8s.client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("static-web")
                .addToAnnotations("kubernetes.io/config.mirror", "abc").endMetadata()
                .withNewSpec().withNodeName(NODE_1).addNewContainer().withName("c").withImage("busybox").endContainer()
                .endSpec().build()).create();
        Map<?, ?> plan = (Map<?, ?>) k8s.dryRun(NODE_ACTIONS, "drain_nodes", Map.of("name", NODE_1));
        assertEquals(List.of(NODE_1), plan.get("would_drain"));
        assertEquals(podsOn(NODE_1).stream().filter(n -> n.startsWith("web-")).map(n -> "shop/" + n)
                .collect(Collectors.toSet()), Set.copyOf((List<?>) plan.get("would_evict")));
        assertEquals(Map.of(NODE_1, false, NODE_2, false), unschedulable());
        assertEquals(List.of(), k8s.deletions());
    }

    @Test
    void drainCountsEvictedPodsAgainstThePodCap() {
        Guardrails onePod = Guardrails.from(Map.of("CHAOS_MAX_PODS", "1"), Map.of());
        try (Chaosk8s capped = new Chaosk8s(Sandbox.start(), onePod)) {
            // The sandbox places its pods on the nodes in turn: two of the three are on the first node.
            GuardrailViolation e = assertThrows(GuardrailViolation.class,
                    () -> capped.call(NODE_ACTIONS, "drain_nodes", Map.of("name", NODE_1)));
            assertEquals("guardrail: terminating 2 pod(s) would exceed the cap of 1 pods per run (0 already "
                    + "terminated in this run)", e.getMessage());
            assertEquals(List.of(), capped.deletions());
            assertEquals(Map.of(NODE_1, false, NODE_2, false), unschedulable(capped));
        }
    }

    @Test
    void drainCountPicksDistinctNodes() throws ActivityFailed {
        Map<?, ?> plan = (Map<?, ?>) k8s.dryRun(NODE_ACTIONS, "drain_nodes", Map.of("count", 5));
        assertEquals(List.of(NODE_1, NODE_2), ((List<?>) plan.get("would_drain")).stream().sorted().toList());
    }

    @Test
    void drainCanTargetTheNodesHostingSomePods() throws ActivityFailed {
        k8s.client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("solo")
                .addToLabels("app", "solo").addNewOwnerReference().withKind("ReplicaSet").withName("solo")
                .withApiVersion("apps/v1").withUid("u2").withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withNodeName(NODE_2).addNewContainer().withName("c").withImage("busybox").endContainer()
                .endSpec().build()).create();
        Map<?, ?> plan = (Map<?, ?>) k8s.dryRun(NODE_ACTIONS, "drain_nodes", Map.of("pod_label_selector", "app=solo",
                "pod_namespace", "shop"));
        assertEquals(List.of(NODE_2), plan.get("would_drain"));
    }

    private Object probe(String func, Map<String, Object> arguments) throws ActivityFailed {
        return k8s.call(NODE_PROBES, func, arguments);
    }

    private Map<String, Boolean> unschedulable() {
        return unschedulable(k8s);
    }

    private static Map<String, Boolean> unschedulable(Chaosk8s k8s) {
        return k8s.client.nodes().list().getItems().stream().collect(Collectors.toMap(n -> n.getMetadata().getName(),
                n -> Boolean.TRUE.equals(n.getSpec().getUnschedulable())));
    }

    private Set<String> podsOn(String node) {
        return k8s.client.pods().inNamespace("shop").list().getItems().stream()
                .filter(p -> node.equals(p.getSpec().getNodeName())).map(p -> p.getMetadata().getName())
                .collect(Collectors.toSet());
    }

    private void setCondition(String node, String type, String status) {
        k8s.client.nodes().withName(node).editStatus(n -> {
            for (NodeCondition c : n.getStatus().getConditions()) if (c.getType().equals(type)) c.setStatus(status);
            return n;
        });
    }
}
