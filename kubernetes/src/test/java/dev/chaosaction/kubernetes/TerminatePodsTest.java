package dev.chaosaction.kubernetes;

import static dev.chaosaction.kubernetes.Catalog.POD_ACTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.safety.GuardrailViolation;
import dev.chaosaction.safety.Guardrails;
import dev.chaosaction.sandbox.ApiCall;
import dev.chaosaction.sandbox.Sandbox;
import dev.chaosaction.value.Json;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TerminatePodsTest {
    @RegisterExtension
    final Chaosk8s k8s = Chaosk8s.withoutRecovery();
    private List<String> pods;

    @BeforeEach
    void start() {
        pods = k8s.podNames();
    }

    @Test
    void byLabelTerminatesOnePodTheFirstTheApiLists() throws ActivityFailed {
        assertEquals(List.of(pods.getFirst()), terminate(Map.of("label_selector", "app=web", "ns", "shop")));
        assertEquals(pods.subList(1, 3), k8s.podNames());
        assertEquals(List.of("DELETE /api/v1/namespaces/shop/pods/" + pods.getFirst()),
                k8s.deletions().stream().map(c -> c.method() + " " + c.path()).toList());
    }

    @Test
    void namePatternIsASearchWithinTheName() throws ActivityFailed {
        String third = pods.get(2);
        String suffix = third.substring(third.length() - 5);
        assertEquals(List.of(third), terminate(Map.of("name_pattern", suffix + "$", "ns", "shop")));
        assertEquals(pods.subList(0, 2), k8s.podNames());
    }

    @Test
    void withoutSelectorOrPatternEveryPodOfTheNamespaceIsACandidate() throws ActivityFailed {
        createPod("shop", "sidecar-job", Map.of("app", "batch"), null);
        List<?> terminated = terminate(Map.of("ns", "shop", "all", true));
        assertEquals(Set.of(pods.get(0), pods.get(1), pods.get(2), "sidecar-job"), new HashSet<>(terminated));
        assertEquals(List.of(), k8s.client.pods().inNamespace("shop").list().getItems());
    }

    @Test
    void allTerminatesEveryMatchingPod() throws ActivityFailed {
        assertEquals(pods, terminate(Map.of("label_selector", "app=web", "ns", "shop", "all", true, "qty", 1)));
        assertEquals(List.of(), k8s.podNames());
    }

    @Test
    void fixedQuantityTakesTheFirstPods() throws ActivityFailed {
        assertEquals(pods.subList(0, 2), terminate(Map.of("label_selector", "app=web", "ns", "shop", "qty", 2)));
    }

    @Test
    void quantityIsCappedAtTheMatchingPods() throws ActivityFailed {
        assertEquals(pods, terminate(Map.of("label_selector", "app=web", "ns", "shop", "qty", 10)));
    }

    @Test
    void percentageRoundsUp() throws ActivityFailed {
        // 50 % of 3 pods is 1.5: two pods, as Python's math.ceil gives
        assertEquals(pods.subList(0, 2), terminate(Map.of("label_selector", "app=web", "ns", "shop",
                "mode", "percentage", "qty", 50)));
    }

    @Test
    void zeroPercentOfThePodsIsNoPodAndFails() {
        ActivityFailed e = assertThrows(ActivityFailed.class, () -> terminate(Map.of("label_selector", "app=web",
                "ns", "shop", "mode", "percentage", "qty", 0)));
        assertEquals("terminate_pods found no pod to terminate among pods in namespace 'shop' with labels "
                + "'app=web'; set allow_empty: true if that is expected", e.getMessage());
    }

    @Test
    void oldestOrderTerminatesTheOldestPodFirst() throws ActivityFailed {
        List<Pod> listed = k8s.pods();
        List<String> byAge = listed.stream()
                .sorted(Comparator.comparing(p -> Instant.parse(p.getMetadata().getCreationTimestamp())))
                .map(p -> p.getMetadata().getName()).toList();
        assertEquals(pods.get(1), byAge.getFirst(), "the sandbox lists the oldest pod second");
        assertEquals(byAge.subList(0, 2), terminate(Map.of("label_selector", "app=web", "ns", "shop",
                "order", "oldest", "qty", 2)));
    }

    @Test
    void alphabeticOrderKeepsTheApiOrderLikeTheExtension() throws ActivityFailed {
        createPod("shop", "zeta", Map.of("app", "lab"), null);
        createPod("shop", "alpha", Map.of("app", "lab"), null);
        assertEquals(List.of("zeta"), terminate(Map.of("label_selector", "app=lab", "ns", "shop",
                "order", "alphabetic")));
    }

    @Test
    void randomTerminatesDistinctPodsAmongTheMatchingOnes() throws ActivityFailed {
        List<?> terminated = terminate(Map.of("label_selector", "app=web", "ns", "shop", "rand", true, "qty", 2));
        assertEquals(2, new HashSet<>(terminated).size());
        assertTrue(pods.containsAll(terminated));
        List<String> left = k8s.podNames();
        assertEquals(1, left.size());
        assertFalse(terminated.contains(left.getFirst()));
    }

    @Test
    void gracePeriodIsSentAsGracePeriodSeconds() throws ActivityFailed {
        terminate(Map.of("label_selector", "app=web", "ns", "shop", "grace_period", 5));
        assertEquals(5L, deleteOptions().get("gracePeriodSeconds"));
    }

    @Test
    void withoutGracePeriodEachPodKeepsItsOwn() throws ActivityFailed {
        terminate(Map.of("label_selector", "app=web", "ns", "shop"));
        assertFalse(deleteOptions().containsKey("gracePeriodSeconds"));
    }

    @Test
    void aSelectionThatMatchesNothingFails() {
        ActivityFailed e = assertThrows(ActivityFailed.class,
                () -> terminate(Map.of("label_selector", "app=nothing", "name_pattern", "^web-", "ns", "shop")));
        assertEquals("terminate_pods found no pod to terminate among pods in namespace 'shop' with labels "
                + "'app=nothing' whose name matches '^web-'; set allow_empty: true if that is expected",
                e.getMessage());
    }

    @Test
    void allowEmptyAcceptsASelectionThatMatchesNothing() throws ActivityFailed {
        assertEquals(List.of(), terminate(Map.of("label_selector", "app=nothing", "ns", "shop",
                "allow_empty", true)));
    }

    @Test
    void podsAlreadyTerminatingAreSkipped() throws ActivityFailed {
        createPod("shop", "web-leaving", Map.of("app", "web"), "example.com/hold");
        k8s.client.pods().inNamespace("shop").withName("web-leaving").delete();
        assertNotNull(k8s.client.pods().inNamespace("shop").withName("web-leaving").get()
                .getMetadata().getDeletionTimestamp());

        assertEquals(pods, terminate(Map.of("label_selector", "app=web", "ns", "shop", "all", true)));
        ActivityFailed e = assertThrows(ActivityFailed.class,
                () -> terminate(Map.of("label_selector", "app=web", "ns", "shop")));
        assertEquals("terminate_pods found no pod to terminate among pods in namespace 'shop' with labels "
                + "'app=web' (1 matching pod(s) already terminating: web-leaving); set allow_empty: true if that "
                + "is expected", e.getMessage());
    }

    @Test
    void kubeSystemIsDeniedBeforeAnythingIsListedOrDeleted() {
        createPod("kube-system", "coredns-1", Map.of("k8s-app", "kube-dns"), null);
        GuardrailViolation e = assertThrows(GuardrailViolation.class,
                () -> terminate(Map.of("label_selector", "k8s-app=kube-dns", "ns", "kube-system")));
        assertEquals("guardrail: namespace 'kube-system' is denied (denied namespaces: kube-system); list it in "
                + "the allowed namespaces to touch it", e.getMessage());
        assertEquals(1, k8s.client.pods().inNamespace("kube-system").list().getItems().size());
        assertEquals(List.of(), k8s.deletions());
    }

    @Test
    void aNamespaceOutsideTheAllowListIsRefused() {
        try (Chaosk8s guarded = new Chaosk8s(Sandbox.builder().recreateDelay(Duration.ofHours(1)).start(),
                Guardrails.from(Map.of("CHAOS_ALLOWED_NAMESPACES", "payments"), Map.of()))) {
            GuardrailViolation e = assertThrows(GuardrailViolation.class, () -> guarded.call(POD_ACTIONS,
                    "terminate_pods", Map.of("label_selector", "app=web", "ns", "shop")));
            assertEquals("guardrail: namespace 'shop' is not allowed (allowed namespaces: payments)", e.getMessage());
            assertEquals(3, guarded.podNames().size());
            assertEquals(List.of(), guarded.deletions());
        }
    }

    @Test
    void thePodCapCountsAcrossTheRunAndRefusesBeforeDeleting() throws ActivityFailed {
        try (Chaosk8s capped = new Chaosk8s(Sandbox.builder().recreateDelay(Duration.ofHours(1)).start(),
                Guardrails.from(Map.of("CHAOS_MAX_PODS", "2"), Map.of()))) {
            Map<String, Object> all = Map.of("label_selector", "app=web", "ns", "shop", "all", true);
            GuardrailViolation tooMany = assertThrows(GuardrailViolation.class,
                    () -> capped.call(POD_ACTIONS, "terminate_pods", all));
            assertEquals("guardrail: terminating 3 pod(s) would exceed the cap of 2 pods per run (0 already "
                    + "terminated in this run)", tooMany.getMessage());
            assertEquals(List.of(), capped.deletions());

            assertEquals(2, ((List<?>) capped.call(POD_ACTIONS, "terminate_pods",
                    Map.of("label_selector", "app=web", "ns", "shop", "qty", 2))).size());
            GuardrailViolation spent = assertThrows(GuardrailViolation.class,
                    () -> capped.call(POD_ACTIONS, "terminate_pods",
                            Map.of("label_selector", "app=web", "ns", "shop")));
            assertEquals("guardrail: terminating 1 pod(s) would exceed the cap of 2 pods per run (2 already "
                    + "terminated in this run)", spent.getMessage());
            assertEquals(1, capped.podNames().size());
        }
    }

    @Test
    void aDryRunReportsTheRealTargetsAndDeletesNothing() throws ActivityFailed {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("dry_run", true);
        expected.put("would_terminate", pods.subList(0, 2));
        expected.put("namespace", "shop");
        expected.put("already_terminating", List.of());
        assertEquals(expected, k8s.dryRun(POD_ACTIONS, "terminate_pods",
                Map.of("label_selector", "app=web", "ns", "shop", "qty", 2)));
        assertEquals(pods, k8s.podNames());
        assertEquals(List.of(), k8s.sandbox.apiCalls());
    }

    @Test
    void aDryRunStillHonoursTheGuardrails() {
        assertThrows(GuardrailViolation.class, () -> k8s.dryRun(POD_ACTIONS, "terminate_pods",
                Map.of("ns", "kube-system", "all", true)));
    }

    @Test
    void evictionGoesThroughTheEvictionApi() throws ActivityFailed {
        assertEquals(List.of(pods.getFirst()), terminate(Map.of("label_selector", "app=web", "ns", "shop",
                "use_eviction", true, "grace_period", 3)));
        ApiCall eviction = k8s.deletions().getFirst();
        assertEquals("POST", eviction.method());
        assertEquals("/api/v1/namespaces/shop/pods/" + pods.getFirst() + "/eviction", eviction.path());
        Map<?, ?> body = (Map<?, ?>) Json.parse(eviction.body());
        assertEquals("Eviction", body.get("kind"));
        assertEquals(3L, ((Map<?, ?>) body.get("deleteOptions")).get("gracePeriodSeconds"));
        assertEquals(pods.subList(1, 3), k8s.podNames());
    }

    @Test
    void anEvictionAPodDisruptionBudgetRefusesFailsNamingThePod() {
        k8s.client.policy().v1().podDisruptionBudget().inNamespace("shop").resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withNewMinAvailable(3).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .endSpec().build()).create();
        ActivityFailed e = assertThrows(ActivityFailed.class, () -> terminate(Map.of("label_selector", "app=web",
                "ns", "shop", "qty", 2, "use_eviction", true)));
        String refused = ": eviction refused with 429 Too Many Requests: a PodDisruptionBudget does not allow it now";
        assertEquals("terminate_pods terminated 0 of 2 pods []; not terminated: " + pods.get(0) + refused + "; "
                + pods.get(1) + refused, e.getMessage());
        assertEquals(pods, k8s.podNames());
    }

    @Test
    void manyPodsAreEachTerminatedExactlyOnce() throws ActivityFailed {
        try (Chaosk8s big = new Chaosk8s(Sandbox.builder().replicas(20).recreateDelay(Duration.ofHours(1)).start(),
                Guardrails.defaults())) {
            List<String> all = big.podNames();
            assertEquals(all, big.call(POD_ACTIONS, "terminate_pods",
                    Map.of("label_selector", "app=web", "ns", "shop", "all", true)));
            List<String> deleted = big.deletions().stream()
                    .map(c -> c.path().substring(c.path().lastIndexOf('/') + 1)).sorted().toList();
            assertEquals(all.stream().sorted().toList(), deleted);
        }
    }

    @Test
    void badModeOrderOrQuantityFailWithTheExtensionsMessages() {
        assertEquals("Cannot select pods. Mode 'some' is invalid.", assertThrows(ActivityFailed.class,
                () -> terminate(Map.of("ns", "shop", "mode", "some"))).getMessage());
        assertEquals("Cannot select pods. Order 'newest' is invalid.", assertThrows(ActivityFailed.class,
                () -> terminate(Map.of("ns", "shop", "order", "newest"))).getMessage());
        assertEquals("Cannot select pods. Quantity '-1' is negative.", assertThrows(ActivityFailed.class,
                () -> terminate(Map.of("ns", "shop", "qty", -1))).getMessage());
        assertEquals("Cannot select pods. Name pattern 'web-(' is invalid: Unclosed group",
                assertThrows(ActivityFailed.class, () -> terminate(Map.of("ns", "shop", "name_pattern", "web-(")))
                        .getMessage());
        assertEquals(List.of(), k8s.deletions());
    }

    @Test
    void deletePodsTerminatesOnePodByName() throws ActivityFailed {
        assertEquals(List.of(pods.get(1)), k8s.call(POD_ACTIONS, "delete_pods",
                Map.of("name", pods.get(1), "ns", "shop")));
        assertEquals(List.of(pods.get(0), pods.get(2)), k8s.podNames());
    }

    @Test
    void theProductBriefsPluralModuleIsAnAlias() throws ActivityFailed {
        assertEquals(List.of(pods.getFirst()), k8s.call("chaosk8s.pods.actions", "terminate_pods",
                Map.of("label_selector", "app=web", "ns", "shop")));
    }

    private List<?> terminate(Map<String, Object> arguments) throws ActivityFailed {
        return (List<?>) k8s.call(POD_ACTIONS, "terminate_pods", arguments);
    }

    /** A pod outside the Deployment; with a finalizer, deleting it leaves it terminating. */
    private void createPod(String namespace, String name, Map<String, String> labels, String finalizer) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .endMetadata().withNewSpec().addNewContainer().withName("main").withImage("busybox").endContainer()
                .endSpec().withNewStatus().withPhase("Running").endStatus();
        if (finalizer != null) pod.editMetadata().addToFinalizers(finalizer).endMetadata();
        k8s.client.pods().inNamespace(namespace).resource(pod.build()).create();
    }

    private Map<?, ?> deleteOptions() {
        String body = k8s.deletions().getFirst().body();
        return body.isEmpty() ? Map.of() : (Map<?, ?>) Json.parse(body);
    }
}
