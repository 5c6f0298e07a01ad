package dev.chaosaction.kubernetes;

import static dev.chaosaction.kubernetes.Catalog.DEPLOYMENT_ACTIONS;
import static dev.chaosaction.kubernetes.Catalog.DEPLOYMENT_PROBES;
import static dev.chaosaction.kubernetes.Catalog.NODE_ACTIONS;
import static dev.chaosaction.kubernetes.Catalog.NODE_PROBES;
import static dev.chaosaction.kubernetes.Catalog.POD_ACTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.safety.GuardrailViolation;
import dev.chaosaction.safety.Guardrails;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kubernetes functions against a real API server with its controllers (see {@link RealK8s}): what the
 * mock cannot show, graceful deletion, evictions judged against a PodDisruptionBudget whose status the
 * disruption controller computes, Deployments that really replace their pods, nodes with kubelets (kwok).
 */
class ControlPlaneTest {
    @RegisterExtension
    final RealK8s k8s = new RealK8s();

    @Test
    void aTerminatedPodIsTerminatingForItsOwnGracePeriodAndTheDeploymentReplacesIt() throws ActivityFailed {
        List<String> before = k8s.livePodNames();
        List<?> terminated = terminate(Map.of("label_selector", "app=web", "ns", k8s.ns));
        assertEquals(List.of(before.getFirst()), terminated);
        Pod leaving = k8s.pod(before.getFirst());
        assertNotNull(leaving.getMetadata().getDeletionTimestamp());
        assertEquals(30L, leaving.getMetadata().getDeletionGracePeriodSeconds());
        RealK8s.await(() -> k8s.livePodNames().size() == RealK8s.REPLICAS
                && !k8s.livePodNames().contains(before.getFirst()));
    }

    @Test
    void gracePeriodIsTheDeletionsGracePeriodAndZeroDeletesAtOnce() throws ActivityFailed {
        List<String> before = k8s.livePodNames();
        terminate(Map.of("name_pattern", before.get(0) + "$", "ns", k8s.ns, "grace_period", 5));
        assertEquals(5L, k8s.pod(before.get(0)).getMetadata().getDeletionGracePeriodSeconds());
        terminate(Map.of("name_pattern", before.get(1) + "$", "ns", k8s.ns, "grace_period", 0));
        assertNull(k8s.pod(before.get(1)));
    }

    @Test
    void podsAlreadyTerminatingAreSkipped() throws ActivityFailed {
        List<String> before = k8s.livePodNames();
        String leaving = before.getFirst();
        terminate(Map.of("name_pattern", leaving + "$", "ns", k8s.ns));
        List<?> second = terminate(Map.of("label_selector", "app=web", "ns", k8s.ns, "all", true));
        assertTrue(!second.contains(leaving) && second.containsAll(before.subList(1, before.size())), second::toString);
        ActivityFailed e = assertThrows(ActivityFailed.class,
                () -> terminate(Map.of("name_pattern", leaving + "$", "ns", k8s.ns)));
        assertEquals("terminate_pods found no pod to terminate among pods in namespace '" + k8s.ns + "' whose name "
                + "matches '" + leaving + "$' (1 matching pod(s) already terminating: " + leaving + "); set "
                + "allow_empty: true if that is expected", e.getMessage());
    }

    @Test
    void aDryRunNamesTheRealTargetsAndDeletesNothing() throws ActivityFailed {
        List<String> before = k8s.livePodNames();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("dry_run", true);
        expected.put("would_terminate", before.subList(0, 2));
        expected.put("namespace", k8s.ns);
        expected.put("already_terminating", List.of());
        assertEquals(expected, k8s.dryRun(POD_ACTIONS, "terminate_pods",
                Map.of("label_selector", "app=web", "ns", k8s.ns, "qty", 2)));
        assertTrue(k8s.pods().stream().allMatch(p -> p.getMetadata().getDeletionTimestamp() == null));
    }

    @Test
    void anEvictionBeyondWhatTheDisruptionControllerAllowsIsRefused() throws ActivityFailed {
        k8s.client.policy().v1().podDisruptionBudget().inNamespace(k8s.ns).resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withNewMinAvailable(2).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .endSpec().build()).create();
        RealK8s.await(() -> disruptionsAllowed() == 1);
        List<String> before = k8s.livePodNames();
        ActivityFailed e = assertThrows(ActivityFailed.class, () -> terminate(Map.of("label_selector", "app=web",
                "ns", k8s.ns, "qty", 2, "use_eviction", true)));
        // The two evictions go out together: which one the budget lets through is the server's choice.
        List<String> evicted = before.subList(0, 2).stream()
                .filter(n -> k8s.pod(n).getMetadata().getDeletionTimestamp() != null).toList();
        assertEquals(1, evicted.size(), evicted::toString);
        String kept = before.subList(0, 2).stream().filter(n -> !evicted.contains(n)).findFirst().orElseThrow();
        assertEquals("terminate_pods terminated 1 of 2 pods " + evicted + "; not terminated: " + kept
                + ": eviction refused with 429 Too Many Requests: a PodDisruptionBudget does not allow it now",
                e.getMessage());
    }

    @Test
    void drainEvictsTheNodesPodsWaitsUntilTheyAreGoneAndTheyComeBackOnTheOtherNode() throws ActivityFailed {
        Map<String, List<String>> byNode = k8s.pods().stream().collect(Collectors.groupingBy(
                p -> p.getSpec().getNodeName(), Collectors.mapping(p -> p.getMetadata().getName(),
                        Collectors.toList())));
        String busiest = byNode.entrySet().stream().max(Comparator.comparingInt(e -> e.getValue().size()))
                .orElseThrow().getKey();
        String other = k8s.nodes.stream().filter(n -> !n.equals(busiest)).findFirst().orElseThrow();
        assertEquals(List.of(busiest), k8s.call(NODE_ACTIONS, "drain_nodes", Map.of("name", busiest, "timeout", 90)));
        assertEquals(true, k8s.client.nodes().withName(busiest).get().getSpec().getUnschedulable());
        for (String name : byNode.get(busiest)) assertNull(k8s.pod(name), name + " is still there");
        RealK8s.await(() -> k8s.ready(k8s.ns, "web") == RealK8s.REPLICAS);
        assertEquals(Set.of(other), k8s.pods().stream().map(p -> p.getSpec().getNodeName())
                .collect(Collectors.toSet()));
    }

    @Test
    void nodeProbesSeeTheKubeletsConditionsAndTheCordons() throws ActivityFailed {
        Map<String, Object> mine = Map.of("label_selector", "chaos-test=" + k8s.ns);
        Map<?, ?> list = (Map<?, ?>) k8s.call(NODE_PROBES, "get_nodes", mine);
        assertEquals(Set.copyOf(k8s.nodes), ((List<?>) list.get("items")).stream()
                .map(i -> ((Map<?, ?>) ((Map<?, ?>) i).get("metadata")).get("name")).collect(Collectors.toSet()));
        assertEquals(true, k8s.call(NODE_PROBES, "nodes_must_be_healthy", mine));
        assertEquals(true, k8s.call(NODE_PROBES, "verify_nodes_condition", mine));
        assertEquals(true, k8s.call("chaosk8s.probes", "node_is_ready", Map.of("name", k8s.nodes.getFirst())));
        assertEquals(true, k8s.call(NODE_PROBES, "all_nodes_must_be_ready_to_schedule", mine));
        assertEquals(List.of(k8s.nodes.get(1)), k8s.call(NODE_ACTIONS, "cordon_node",
                Map.of("name", k8s.nodes.get(1))));
        assertEquals(false, k8s.call(NODE_PROBES, "all_nodes_must_be_ready_to_schedule", mine));
        assertEquals(List.of(k8s.nodes.get(1)), k8s.call(NODE_ACTIONS, "uncordon_node",
                Map.of("name", k8s.nodes.get(1))));
        assertEquals(true, k8s.call(NODE_PROBES, "all_nodes_must_be_ready_to_schedule", mine));
    }

    @Test
    void deploymentProbesFollowTheControllersStatus() throws ActivityFailed {
        Map<String, Object> web = Map.of("name", "web", "ns", k8s.ns);
        assertEquals(true, k8s.call(DEPLOYMENT_PROBES, "deployment_available_and_healthy", web));
        k8s.nodes.forEach(n -> k8s.setSchedulable(n, false));
        terminate(Map.of("label_selector", "app=web", "ns", k8s.ns));
        RealK8s.await(() -> k8s.ready(k8s.ns, "web") == RealK8s.REPLICAS - 1);
        assertEquals("Deployment 'web' is not healthy: 2 of 3 replicas available", assertThrows(ActivityFailed.class,
                () -> k8s.call(DEPLOYMENT_PROBES, "deployment_available_and_healthy", web)).getMessage());
        assertEquals(true, k8s.call(DEPLOYMENT_PROBES, "deployment_not_fully_available",
                Map.of("name", "web", "ns", k8s.ns, "timeout", 5)));
        k8s.nodes.forEach(n -> k8s.setSchedulable(n, true));
        assertEquals(true, k8s.call(DEPLOYMENT_PROBES, "deployment_fully_available",
                Map.of("name", "web", "ns", k8s.ns, "timeout", 60)));
    }

    @Test
    void scaleAndRolloutAreCarriedOutByTheControllers() throws ActivityFailed {
        Set<String> before = new HashSet<>(k8s.livePodNames());
        assertNull(k8s.call(DEPLOYMENT_ACTIONS, "scale_deployment", Map.of("name", "web", "replicas", 5,
                "ns", k8s.ns)));
        RealK8s.await(() -> k8s.ready(k8s.ns, "web") == 5);
        assertNull(k8s.call(DEPLOYMENT_ACTIONS, "rollout_deployment", Map.of("name", "web", "ns", k8s.ns)));
        // A restart replaces every pod with one of a new ReplicaSet.
        RealK8s.await(() -> {
            List<String> live = k8s.livePodNames();
            return live.size() == 5 && live.stream().noneMatch(before::contains) && k8s.ready(k8s.ns, "web") == 5
                    && k8s.client.apps().replicaSets().inNamespace(k8s.ns).list().getItems().size() == 2;
        });
    }

    @Test
    void guardrailsRefuseBeforeAnythingIsDeleted() {
        Guardrails onePod = Guardrails.from(Map.of("CHAOS_MAX_PODS", "1"), Map.of());
        try (KubernetesLibrary capped = new KubernetesLibrary(() -> Chaosk8s.connect(k8s.plane.kubeconfig()), onePod)) {
            GuardrailViolation e = assertThrows(GuardrailViolation.class, () -> Chaosk8s.call(capped, POD_ACTIONS,
                    "terminate_pods", Map.of("label_selector", "app=web", "ns", k8s.ns, "all", true), false));
            assertEquals("guardrail: terminating 3 pod(s) would exceed the cap of 1 pods per run (0 already "
                    + "terminated in this run)", e.getMessage());
        }
        assertThrows(GuardrailViolation.class, () -> terminate(Map.of("ns", "kube-system", "all", true)));
        assertTrue(k8s.pods().stream().allMatch(p -> p.getMetadata().getDeletionTimestamp() == null));
        assertTrue(k8s.nodes.stream().map(n -> k8s.client.nodes().withName(n).get().getSpec().getUnschedulable())
                .noneMatch(Boolean.TRUE::equals));
    }

    private int disruptionsAllowed() {
        PodDisruptionBudget pdb = k8s.client.policy().v1().podDisruptionBudget().inNamespace(k8s.ns)
                .withName("web").get();
        return pdb.getStatus() == null ? -1 : pdb.getStatus().getDisruptionsAllowed();
    }

    private List<?> terminate(Map<String, Object> arguments) throws ActivityFailed {
        return (List<?>) k8s.call(POD_ACTIONS, "terminate_pods", arguments);
    }
}
