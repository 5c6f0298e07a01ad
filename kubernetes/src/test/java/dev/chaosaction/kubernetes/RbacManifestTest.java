package dev.chaosaction.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.activity.Signature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code deploy/kubernetes-rbac.yaml} grants exactly what the served functions use: each function's needs are
 * listed here (a function added to the catalog without them fails this test), the manifest's rules are their
 * union, and only functions that change things ({@link Signature#mutates}) need a verb that writes.
 */
class RbacManifestTest {
    private static final Path MANIFEST = Path.of("..", "deploy", "kubernetes-rbac.yaml");
    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");
    private static final String SELECT = "Role pods get,list";
    private static final String DEPLOYMENT_READ = "Role deployments get,list,watch; " + SELECT;
    private static final String NODE_READ = "ClusterRole nodes get,list";

    /** Function → "Kind resource verb,verb; ..." (Kind: Role for the namespaces, ClusterRole across them). */
    private static final Map<String, String> NEEDS = Map.ofEntries(
            Map.entry("chaosk8s.pod.actions.terminate_pods", "Role pods get,list,delete; Role pods/eviction create"),
            Map.entry("chaosk8s.pod.actions.exec_in_pods", SELECT + "; Role pods/exec create,get"),
            Map.entry("chaosk8s.pod.actions.delete_pods", "Role pods get,list,delete"),
            Map.entry("chaosk8s.pod.probes.pods_in_phase", SELECT),
            Map.entry("chaosk8s.pod.probes.pods_not_in_phase", SELECT),
            Map.entry("chaosk8s.pod.probes.pods_in_conditions", SELECT),
            Map.entry("chaosk8s.pod.probes.count_pods", SELECT),
            Map.entry("chaosk8s.pod.probes.count_min_pods", SELECT),
            Map.entry("chaosk8s.pod.probes.all_pods_healthy", SELECT),
            Map.entry("chaosk8s.pod.probes.read_pod_logs", SELECT + "; Role pods/log get"),
            Map.entry("chaosk8s.pod.probes.pod_is_not_available", SELECT),
            Map.entry("chaosk8s.node.probes.get_nodes", NODE_READ),
            Map.entry("chaosk8s.node.probes.get_all_node_status_conditions", NODE_READ),
            Map.entry("chaosk8s.node.probes.all_nodes_must_be_ready_to_schedule", NODE_READ),
            Map.entry("chaosk8s.node.probes.verify_nodes_condition", NODE_READ),
            Map.entry("chaosk8s.node.probes.nodes_must_be_healthy", NODE_READ),
            Map.entry("chaosk8s.node.actions.cordon_node", "ClusterRole nodes get,list,patch"),
            Map.entry("chaosk8s.node.actions.uncordon_node", "ClusterRole nodes get,list,patch"),
            Map.entry("chaosk8s.node.actions.drain_nodes", "ClusterRole nodes get,list,patch; ClusterRole pods get,list;"
                    + " ClusterRole pods/eviction create"),
            Map.entry("chaosk8s.deployment.probes.deployment_available_and_healthy", DEPLOYMENT_READ),
            Map.entry("chaosk8s.deployment.probes.deployment_partially_available", DEPLOYMENT_READ),
            Map.entry("chaosk8s.deployment.probes.deployment_fully_available", DEPLOYMENT_READ),
            Map.entry("chaosk8s.deployment.probes.deployment_not_fully_available", DEPLOYMENT_READ),
            Map.entry("chaosk8s.deployment.actions.scale_deployment", "Role deployments/scale get,update,patch"),
            Map.entry("chaosk8s.deployment.actions.rollout_deployment", "Role deployments get,patch"),
            Map.entry("chaosk8s.probes.node_is_ready", NODE_READ),
            Map.entry("chaosk8s.probes.all_microservices_healthy", SELECT),
            Map.entry("chaosk8s.probes.microservice_available_and_healthy", DEPLOYMENT_READ),
            Map.entry("chaosk8s.probes.microservice_is_not_available", SELECT),
            Map.entry("chaosk8s.probes.deployment_is_fully_available", DEPLOYMENT_READ),
            Map.entry("chaosk8s.probes.deployment_is_not_fully_available", DEPLOYMENT_READ),
            Map.entry("chaosk8s.probes.read_microservices_logs", SELECT + "; Role pods/log get"),
            Map.entry("chaosk8s.actions.scale_microservice", "Role deployments/scale get,update,patch"));

    @Test
    void everyServedFunctionHasItsNeedsListed() {
        assertEquals(new TreeSet<>(NEEDS.keySet()),
                Catalog.signatures().stream().map(Signature::qualifiedName).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void onlyFunctionsThatChangeThingsNeedAVerbThatWrites() {
        for (Signature signature : Catalog.signatures()) {
            boolean writes = grants(NEEDS.get(signature.qualifiedName())).stream()
                    .anyMatch(g -> !READ_VERBS.contains(g.substring(g.lastIndexOf(' ') + 1)));
            assertEquals(signature.mutates(), writes, signature.qualifiedName());
        }
    }

    @Test
    void theManifestGrantsExactlyTheUnionOfTheNeeds() throws Exception {
        Set<String> needed = new TreeSet<>();
        NEEDS.values().forEach(n -> needed.addAll(grants(n)));
        Set<String> granted = new TreeSet<>();
        Map<String, String> bound = new TreeMap<>();
        for (Object document : new Yaml().loadAll(Files.readString(MANIFEST))) {
            Map<?, ?> object = (Map<?, ?>) document;
            String kind = (String) object.get("kind");
            if (kind.endsWith("Binding")) {
                Map<?, ?> subject = (Map<?, ?>) ((List<?>) object.get("subjects")).getFirst();
                bound.put(kind, subject.get("kind") + " " + subject.get("name"));
                continue;
            }
            for (Object rule : (List<?>) object.get("rules")) {
                Map<?, ?> r = (Map<?, ?>) rule;
                for (Object resource : (List<?>) r.get("resources")) {
                    for (Object verb : (List<?>) r.get("verbs")) granted.add(kind + " " + resource + " " + verb);
                }
            }
        }
        assertEquals(needed, granted);
        assertEquals(Map.of("RoleBinding", "Group chaos-action", "ClusterRoleBinding", "Group chaos-action"), bound);
        assertTrue(granted.stream().noneMatch(g -> g.contains("*")));
    }

    /** "Role pods get,list; ..." as "Role pods get", "Role pods list", ... */
    private static Set<String> grants(String needs) {
        Set<String> grants = new TreeSet<>();
        for (String need : needs.split(";\\s*")) {
            String[] parts = need.strip().split(" ");
            Arrays.stream(parts[2].split(",")).forEach(verb -> grants.add(parts[0] + " " + parts[1] + " " + verb));
        }
        return grants;
    }
}
