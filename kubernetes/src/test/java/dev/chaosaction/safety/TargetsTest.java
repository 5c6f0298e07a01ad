package dev.chaosaction.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chaosaction.activity.FunctionCatalog;
import dev.chaosaction.config.Substitution;
import dev.chaosaction.kubernetes.Kubernetes;
import dev.chaosaction.testing.Runs;
import dev.chaosaction.testing.TestFunctions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which namespaces an experiment changes, decided before it runs from its Kubernetes actions. */
class TargetsTest {
    private final FunctionCatalog catalog = new FunctionCatalog(List.of(
            Kubernetes.libraryFactory().create(Map.of(), Map.of(), Map.of()), new TestFunctions()));

    @AfterEach
    void close() {
        catalog.close();
    }

    private Set<String> namespaces(String method, String rollbacks, Map<String, Object> configuration) {
        Map<String, Object> experiment = Runs.parse("""
                {"title": "t", "description": "d",
                 "steady-state-hypothesis": {"title": "h", "probes": [
                   %s]},
                 "method": [%s], "rollbacks": [%s]}""".formatted(
                k8s("probe", "seen", "chaosk8s.pod.probes", "count_pods", "{\"label_selector\": \"a=b\", \"ns\": \"probed\"}"),
                method, rollbacks));
        return Targets.namespaces(experiment, Substitution.lookup(configuration, Map.of()), catalog);
    }

    private static String k8s(String type, String name, String module, String func, String arguments) {
        return """
                {"type": "%s", "name": "%s", "provider": {"type": "python", "module": "%s", "func": "%s",
                 "arguments": %s}}""".formatted(type, name, module, func, arguments);
    }

    @Test
    void theNsOfEveryKubernetesActionOfTheMethodAndTheRollbacksAfterSubstitution() {
        String method = String.join(",",
                k8s("action", "kill", "chaosk8s.pod.actions", "terminate_pods", "{\"label_selector\": \"app=web\", \"ns\": \"shop\"}"),
                k8s("action", "scale", "chaosk8s.deployment.actions", "scale_deployment",
                        "{\"name\": \"web\", \"replicas\": 1, \"ns\": \"${target}\"}"),
                k8s("probe", "look", "chaosk8s.pod.probes", "count_pods", "{\"label_selector\": \"a=b\", \"ns\": \"read-only\"}"));
        String rollbacks = k8s("action", "restore", "chaosk8s.deployment.actions", "scale_deployment",
                "{\"name\": \"web\", \"replicas\": 3, \"ns\": \"billing\"}");

        assertEquals(Set.of("billing", "payments", "shop"), namespaces(method, rollbacks, Map.of("target", "payments")));
    }

    @Test
    void anActionWithoutNsWorksInTheFunctionsDefaultNamespace() {
        assertEquals(Set.of("default"), namespaces(k8s("action", "kill", "chaosk8s.pod.actions", "delete_pods",
                "{\"label_selector\": \"app=web\"}"), "", Map.of()));
    }

    @Test
    void aReferencedActionCountsWhereverItIsPlayed() {
        String method = k8s("action", "kill", "chaosk8s.pod.actions", "terminate_pods",
                "{\"label_selector\": \"app=web\", \"ns\": \"shop\"}");
        assertEquals(Set.of("shop"), namespaces(method + ", {\"ref\": \"kill\"}", "{\"ref\": \"kill\"}", Map.of()));
    }

    @Test
    void probesNodeActionsAndOtherFunctionsLockNothing() {
        String method = String.join(",",
                k8s("action", "drain", "chaosk8s.node.actions", "cordon_node", "{\"name\": \"node-1\"}"),
                k8s("action", "tick", TestFunctions.MODULE, "tick", "{\"name\": \"x\"}"),
                "{\"type\": \"action\", \"name\": \"p\", \"provider\": {\"type\": \"process\", \"path\": \"true\"}}");
        assertEquals(Set.of(), namespaces(method, "", Map.of()));
    }
}
