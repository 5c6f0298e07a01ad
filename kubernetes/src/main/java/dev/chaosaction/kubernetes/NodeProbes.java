package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.FunctionContext;
import dev.chaosaction.value.Json;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code chaosk8s.node.probes}, and the brief's {@code chaosk8s.probes.node_is_ready}. */
final class NodeProbes {
    /** nodes_must_be_healthy's expectations, checked wherever a node reports the condition. */
    private static final Map<String, String> HEALTHY = healthy();

    private NodeProbes() {}

    /** get_nodes: the NodeList as the API returns it, as plain JSON values. */
    static Object getNodes(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        KubernetesClient client = cluster.client();
        return Json.parse(client.getKubernetesSerialization()
                .asJson(Nodes.list(client, args.string("label_selector"))));
    }

    /** get_all_node_status_conditions: {@code [{"name": …, "Ready": "True", …}]}. */
    static Object allNodeStatusConditions(Cluster cluster, Args args, FunctionContext context)
            throws ActivityFailed {
        return nodes(cluster, args).stream().map(Nodes::conditions).toList();
    }

    /**
     * all_nodes_must_be_ready_to_schedule: every node is Ready and, as the function's documentation says
     * (its code forgot), schedulable, i.e. not cordoned.
     */
    static Object allNodesReadyToSchedule(Cluster cluster, Args args, FunctionContext context)
            throws ActivityFailed {
        return nodes(cluster, args).stream().allMatch(n -> Nodes.ready(n) && Nodes.schedulable(n));
    }

    /** verify_nodes_condition: every node reports {@code condition_type} with {@code condition_value}. */
    static Object verifyNodesCondition(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        String type = args.string("condition_type");
        String value = args.string("condition_value");
        return nodes(cluster, args).stream().allMatch(n -> Objects.equals(value, Nodes.conditions(n).get(type)));
    }

    /** nodes_must_be_healthy: no node reports a known problem condition, and each reports Ready. */
    static Object nodesMustBeHealthy(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        return nodes(cluster, args).stream().map(Nodes::conditions).allMatch(conditions ->
                HEALTHY.entrySet().stream().allMatch(e ->
                        !conditions.containsKey(e.getKey()) || e.getValue().equals(conditions.get(e.getKey()))));
    }

    /** node_is_ready (the brief's alias): true when the named node's Ready condition is True; false if absent. */
    static Object nodeIsReady(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        Node node = cluster.client().nodes().withName(args.string("name")).get();
        return node != null && Nodes.ready(node);
    }

    private static List<Node> nodes(Cluster cluster, Args args) throws ActivityFailed {
        return Nodes.list(cluster.client(), args.string("label_selector")).getItems();
    }

    private static Map<String, String> healthy() {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String problem : List.of("FrequentKubeletRestart", "FrequentDockerRestart", "FrequentContainerdRestart",
                "ReadonlyFilesystem", "KernelDeadlock", "CorruptDockerOverlay2", "FrequentUnregisterNetDevice",
                "NetworkUnavailable", "MemoryPressure", "DiskPressure", "PIDPressure")) {
            expected.put(problem, "False");
        }
        expected.put("Ready", "True");
        return Map.copyOf(expected);
    }
}
