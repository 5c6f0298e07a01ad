package dev.chaosaction.safety;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.experiment.Problem;
import dev.chaosaction.value.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class GuardrailsTest {

    @Test
    void byDefaultKubeSystemIsDeniedAndFiftyPodsMayGo() {
        Guardrails g = Guardrails.defaults();
        assertNull(g.allowedNamespaces());
        assertEquals(Set.of("kube-system"), g.deniedNamespaces());
        assertEquals(50, g.maxPods());
        assertDoesNotThrow(() -> g.checkNamespace("shop"));
        assertEquals("guardrail: namespace 'kube-system' is denied (denied namespaces: kube-system); list it in the "
                + "allowed namespaces to touch it",
                assertThrows(GuardrailViolation.class, () -> g.checkNamespace("kube-system")).getMessage());
    }

    @Test
    void readsCommaListsAndTheCapFromTheEnvironment() {
        Guardrails g = Guardrails.from(Map.of("CHAOS_ALLOWED_NAMESPACES", " shop, payments ,",
                "CHAOS_DENIED_NAMESPACES", "payments", "CHAOS_MAX_PODS", "3"), Map.of());
        assertEquals(Set.of("shop", "payments"), g.allowedNamespaces());
        assertEquals(Set.of("payments", "kube-system"), g.deniedNamespaces());
        assertEquals(3, g.maxPods());
        assertDoesNotThrow(() -> g.checkNamespace("shop"));
        assertEquals("guardrail: namespace 'payments' is denied (denied namespaces: kube-system, payments)",
                assertThrows(GuardrailViolation.class, () -> g.checkNamespace("payments")).getMessage());
        assertEquals("guardrail: namespace 'default' is not allowed (allowed namespaces: payments, shop)",
                assertThrows(GuardrailViolation.class, () -> g.checkNamespace("default")).getMessage());
    }

    @Test
    void theStricterOfEnvironmentAndExperimentWins() {
        Guardrails g = Guardrails.from(Map.of("CHAOS_ALLOWED_NAMESPACES", "shop,payments",
                "CHAOS_DENIED_NAMESPACES", "legacy", "CHAOS_MAX_PODS", "10"), runtime(
                "{\"guardrails\": {\"allowed_namespaces\": [\"shop\", \"search\"], \"denied_namespaces\": "
                        + "[\"audit\"], \"max_pods\": 20}}"));
        assertEquals(Set.of("shop"), g.allowedNamespaces());
        assertEquals(Set.of("kube-system", "legacy", "audit"), g.deniedNamespaces());
        assertEquals(10, g.maxPods());
        assertEquals(2, Guardrails.from(Map.of("CHAOS_MAX_PODS", "10"), runtime("{\"guardrails\": {\"max_pods\": 2}}"))
                .maxPods());
    }

    @Test
    void disjointAllowListsAllowNothing() {
        Guardrails g = Guardrails.from(Map.of("CHAOS_ALLOWED_NAMESPACES", "shop"),
                runtime("{\"guardrails\": {\"allowed_namespaces\": [\"payments\"]}}"));
        assertEquals("guardrail: namespace 'shop' is not allowed (allowed namespaces: none)",
                assertThrows(GuardrailViolation.class, () -> g.checkNamespace("shop")).getMessage());
    }

    @Test
    void kubeSystemIsAllowedOnlyWhenTheDeploymentsAllowListNamesItAndNoDenyListDoes() {
        Guardrails allowed = Guardrails.from(Map.of("CHAOS_ALLOWED_NAMESPACES", "kube-system"), Map.of());
        assertEquals(Set.of(), allowed.deniedNamespaces());
        assertDoesNotThrow(() -> allowed.checkNamespace("kube-system"));
        Guardrails denied = Guardrails.from(Map.of("CHAOS_ALLOWED_NAMESPACES", "kube-system",
                "CHAOS_DENIED_NAMESPACES", "kube-system"), Map.of());
        assertThrows(GuardrailViolation.class, () -> denied.checkNamespace("kube-system"));
    }

    /** The attack: an experiment's own allow-list re-allowed kube-system (issue 11, High). */
    @Test
    void anExperimentCannotReallowKubeSystem() {
        Guardrails g = Guardrails.from(Map.of(),
                runtime("{\"guardrails\": {\"allowed_namespaces\": [\"kube-system\"]}}"));
        assertTrue(g.deniedNamespaces().contains("kube-system"));
        assertThrows(GuardrailViolation.class, () -> g.checkNamespace("kube-system"));
        Guardrails both = Guardrails.from(Map.of("CHAOS_ALLOWED_NAMESPACES", "shop"),
                runtime("{\"guardrails\": {\"allowed_namespaces\": [\"shop\", \"kube-system\"]}}"));
        assertThrows(GuardrailViolation.class, () -> both.checkNamespace("kube-system"));
    }

    /** The attack: an experiment's cap above the deployment's default raised it. */
    @Test
    void anExperimentCapOnlyLowersTheDeploymentsOrTheDefault() {
        assertEquals(Guardrails.DEFAULT_MAX_PODS,
                Guardrails.from(Map.of(), runtime("{\"guardrails\": {\"max_pods\": 200}}")).maxPods());
        assertEquals(5, Guardrails.from(Map.of(), runtime("{\"guardrails\": {\"max_pods\": 5}}")).maxPods());
        assertEquals(200, Guardrails.from(Map.of("CHAOS_MAX_PODS", "200"), Map.of()).maxPods());
    }

    @Test
    void aBadEnvironmentCapIsRefusedWithTheVariablesName() {
        assertEquals("CHAOS_MAX_PODS must be a whole number >= 0, not 'lots'", assertThrows(
                IllegalArgumentException.class, () -> Guardrails.from(Map.of("CHAOS_MAX_PODS", "lots"), Map.of()))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Guardrails.from(Map.of("CHAOS_MAX_PODS", "-1"), Map.of()));
    }

    @Test
    void reservationsAreAllOrNothing() throws GuardrailViolation {
        Guardrails g = Guardrails.from(Map.of("CHAOS_MAX_PODS", "3"), Map.of());
        g.reservePods(2);
        assertEquals("guardrail: terminating 2 pod(s) would exceed the cap of 3 pods per run (2 already terminated "
                + "in this run)", assertThrows(GuardrailViolation.class, () -> g.reservePods(2)).getMessage());
        assertEquals(2, g.podsReserved());
        g.reservePods(1);
        assertEquals(3, g.podsReserved());
    }

    @Test
    void concurrentReservationsNeverExceedTheCap() throws Exception {
        Guardrails g = Guardrails.from(Map.of("CHAOS_MAX_PODS", "100"), Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> attempts = new ArrayList<>();
            Callable<Boolean> reserveThree = () -> {
                try {
                    g.reservePods(3);
                    return true;
                } catch (GuardrailViolation e) {
                    return false;
                }
            };
            for (int i = 0; i < 64; i++) attempts.add(pool.submit(reserveThree));
            long granted = 0;
            for (Future<Boolean> attempt : attempts) if (attempt.get()) granted++;
            assertEquals(33, granted);
            assertEquals(99, g.podsReserved());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void validatesTheRuntimeBlocksShape() {
        assertEquals(List.of(), Guardrails.validate(runtime("{\"guardrails\": {\"allowed_namespaces\": [\"a\"], "
                + "\"denied_namespaces\": [], \"max_pods\": 0}}"), "/runtime"));
        assertEquals(List.of(),
                Guardrails.validate(runtime("{\"rollbacks\": {\"strategy\": \"always\"}}"), "/runtime"));
        assertEquals(List.of(
                new Problem("/runtime/guardrails/allowed_namespaces", "allowed_namespaces must be a list of namespace "
                        + "names"),
                new Problem("/runtime/guardrails/denied_namespaces", "denied_namespaces must be a list of namespace "
                        + "names"),
                new Problem("/runtime/guardrails/max_pods", "max_pods must be a whole number >= 0"),
                new Problem("/runtime/guardrails/max_pod", "unknown guardrail 'max_pod'; known: allowed_namespaces, "
                        + "denied_namespaces, max_pods")),
                Guardrails.validate(runtime("{\"guardrails\": {\"allowed_namespaces\": \"shop\", "
                        + "\"denied_namespaces\": [\"\"], \"max_pods\": -2, \"max_pod\": 3}}"), "/runtime"));
        assertEquals(List.of(new Problem("/runtime/guardrails", "guardrails must be an object with allowed_namespaces, "
                + "denied_namespaces and/or max_pods")), Guardrails.validate(runtime("{\"guardrails\": true}"),
                "/runtime"));
        assertEquals(List.of(new Problem("/runtime/guardrails/max_pods", "max_pods must be a whole number >= 0")),
                Guardrails.validate(runtime("{\"guardrails\": {\"max_pods\": 1.5}}"), "/runtime"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> runtime(String json) {
        return (Map<String, Object>) Json.parse(json);
    }
}
