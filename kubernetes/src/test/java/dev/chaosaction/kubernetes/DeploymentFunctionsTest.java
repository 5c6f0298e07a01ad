package dev.chaosaction.kubernetes;

import static dev.chaosaction.kubernetes.Catalog.DEPLOYMENT_ACTIONS;
import static dev.chaosaction.kubernetes.Catalog.DEPLOYMENT_PROBES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.safety.GuardrailViolation;
import dev.chaosaction.safety.Guardrails;
import dev.chaosaction.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deployment probes and actions against the sandbox's Deployment shop/web (3 replicas). */
class DeploymentFunctionsTest {
    @RegisterExtension
    final Chaosk8s k8s = Chaosk8s.withRecovery(Guardrails.defaults());

    @Test
    void availableAndHealthy() throws ActivityFailed {
        assertEquals(true, probe("deployment_available_and_healthy", Map.of("name", "web", "ns", "shop")));
        assertEquals(true, probe("deployment_available_and_healthy", Map.of("name", "web", "ns", "shop",
                "label_selector", "app=web")));
        assertEquals("Deployment 'api' was not found", failure("deployment_available_and_healthy",
                Map.of("name", "api", "ns", "shop")));
        assertEquals(false, probe("deployment_available_and_healthy", Map.of("name", "web", "ns", "shop",
                "label_selector", "app=other", "raise_on_unavailable", false)));
    }

    @Test
    void availableAndHealthyFailsWhileAReplicaIsMissing() throws ActivityFailed {
        loseOnePodForGood();
        assertEquals("Deployment 'web' is not healthy: 2 of 3 replicas available",
                failure("deployment_available_and_healthy", Map.of("name", "web", "ns", "shop")));
        assertEquals(false, probe("deployment_available_and_healthy", Map.of("name", "web", "ns", "shop",
                "raise_on_unavailable", false)));
    }

    @Test
    void partiallyAvailableAnswersFalseRatherThanCrashingWhenNothingIsAvailable() throws ActivityFailed {
        assertEquals(true, probe("deployment_partially_available", Map.of("name", "web", "ns", "shop")));
        cordonAll();
        k8s.podNames().forEach(n -> k8s.client.pods().inNamespace("shop").withName(n).delete());
        Chaosk8s.await(() -> availableReplicas() == null || availableReplicas() == 0);
        assertEquals(false, probe("deployment_partially_available", Map.of("name", "web", "ns", "shop",
                "raise_on_not_partially_available", false)));
        assertEquals("Deployment 'web' is not healthy: no replica available",
                failure("deployment_partially_available", Map.of("name", "web", "ns", "shop")));
    }

    @Test
    void fullyAvailableWaitsForRecovery() throws ActivityFailed {
        k8s.client.pods().inNamespace("shop").withName(k8s.podNames().getFirst()).delete();
        // Probe once the Deployment's status shows the loss, so that the probe has a recovery to wait for.
        assertTrue(Sandbox.await(Duration.ofSeconds(10), () -> readyReplicas() < 3), "the loss never showed");
        assertEquals(true, probe("deployment_fully_available", Map.of("name", "web", "ns", "shop", "timeout", 20)));
        assertEquals(3, readyReplicas());
    }

    @Test
    void fullyAvailableGivesUpAfterTheTimeout() throws ActivityFailed {
        loseOnePodForGood();
        assertEquals(false, probe("deployment_fully_available", Map.of("name", "web", "ns", "shop", "timeout", 1,
                "raise_on_not_fully_available", false)));
        assertEquals("deployment 'web' failed to recover within 1s", failure("deployment_fully_available",
                Map.of("name", "web", "ns", "shop", "timeout", 1)));
    }

    @Test
    void notFullyAvailable() throws ActivityFailed {
        assertEquals("deployment 'web' failed to stop running within 1s", failure("deployment_not_fully_available",
                Map.of("name", "web", "ns", "shop", "timeout", 1)));
        loseOnePodForGood();
        assertEquals(true, probe("deployment_not_fully_available", Map.of("name", "web", "ns", "shop",
                "label_selector", "app={name}", "timeout", 5)));
    }

    @Test
    void scaleDeploymentSetsTheReplicasAndReturnsNone() throws ActivityFailed {
        assertNull(k8s.call(DEPLOYMENT_ACTIONS, "scale_deployment",
                Map.of("name", "web", "replicas", 5, "ns", "shop")));
        assertEquals(5, deployment().getSpec().getReplicas());
        Chaosk8s.await(() -> k8s.pods().size() == 5);
    }

    @Test
    void scaleDeploymentInADryRunReportsTheChange() throws ActivityFailed {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("dry_run", true);
        expected.put("would_scale", List.of("web"));
        expected.put("replicas_from", 3L);
        expected.put("replicas_to", 1L);
        assertEquals(expected, k8s.dryRun(DEPLOYMENT_ACTIONS, "scale_deployment",
                Map.of("name", "web", "replicas", 1, "ns", "shop")));
        assertEquals(3, deployment().getSpec().getReplicas());
    }

    @Test
    void scaleDeploymentFailures() {
        assertEquals("Deployment 'api' was not found", assertThrows(ActivityFailed.class, () -> k8s.dryRun(
                DEPLOYMENT_ACTIONS, "scale_deployment", Map.of("name", "api", "replicas", 1, "ns", "shop")))
                .getMessage());
        assertEquals("guardrail: namespace 'kube-system' is denied (denied namespaces: kube-system); list it in the "
                + "allowed namespaces to touch it", assertThrows(GuardrailViolation.class, () -> k8s.call(
                DEPLOYMENT_ACTIONS, "scale_deployment", Map.of("name", "coredns", "replicas", 0, "ns", "kube-system")))
                .getMessage());
    }

    @Test
    void rolloutDeploymentRestartsThePods() throws ActivityFailed {
        assertNull(k8s.call(DEPLOYMENT_ACTIONS, "rollout_deployment", Map.of("name", "web", "ns", "shop")));
        assertNotNull(deployment().getSpec().getTemplate().getMetadata().getAnnotations()
                .get("kubectl.kubernetes.io/restartedAt"));
        assertEquals(Map.of("dry_run", true, "would_restart", List.of("web")),
                k8s.dryRun(DEPLOYMENT_ACTIONS, "rollout_deployment", Map.of("name", "web", "ns", "shop")));
        assertEquals("rollout_deployment needs a deployment name", assertThrows(ActivityFailed.class,
                () -> k8s.call(DEPLOYMENT_ACTIONS, "rollout_deployment", Map.of("ns", "shop"))).getMessage());
        assertEquals("Deployment 'api' was not found", assertThrows(ActivityFailed.class,
                () -> k8s.call(DEPLOYMENT_ACTIONS, "rollout_deployment", Map.of("name", "api", "ns", "shop")))
                .getMessage());
    }

    @Test
    void legacyAliasesForwardAndTheDeprecatedProbeNowReturnsItsAnswer() throws ActivityFailed {
        assertEquals(true, k8s.call("chaosk8s.probes", "microservice_available_and_healthy",
                Map.of("name", "web", "ns", "shop")));
        assertEquals(true, k8s.call("chaosk8s.probes", "deployment_is_fully_available",
                Map.of("name", "web", "ns", "shop", "timeout", 5)));
        assertEquals(true, k8s.call("chaosk8s.probes", "all_microservices_healthy", Map.of("ns", "shop")));
        assertNull(k8s.call("chaosk8s.actions", "scale_microservice", Map.of("name", "web", "replicas", 2,
                "ns", "shop")));
        assertEquals(2, deployment().getSpec().getReplicas());
    }

    /** Every node cordoned, then a pod deleted: it cannot come back. */
    private void loseOnePodForGood() {
        cordonAll();
        k8s.client.pods().inNamespace("shop").withName(k8s.podNames().getFirst()).delete();
        Chaosk8s.await(() -> readyReplicas() == 2);
    }

    private void cordonAll() {
        k8s.sandbox.nodeNames().forEach(n -> k8s.setSchedulable(n, false));
    }

    private Deployment deployment() {
        return k8s.client.apps().deployments().inNamespace("shop").withName("web").get();
    }

    private Integer readyReplicas() {
        return deployment().getStatus().getReadyReplicas();
    }

    private Integer availableReplicas() {
        return deployment().getStatus().getAvailableReplicas();
    }

    private Object probe(String func, Map<String, Object> arguments) throws ActivityFailed {
        return k8s.call(DEPLOYMENT_PROBES, func, arguments);
    }

    private String failure(String func, Map<String, Object> arguments) {
        return assertThrows(ActivityFailed.class, () -> probe(func, arguments)).getMessage();
    }
}
