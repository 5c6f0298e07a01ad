package dev.chaosaction.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading nodes the way the extension does. */
final class Nodes {
    private Nodes() {}

    static NodeList list(KubernetesClient client, String labelSelector) {
        FilterWatchListDeletable<Node, NodeList, Resource<Node>> nodes = client.nodes();
        if (labelSelector != null && !labelSelector.isEmpty()) nodes = nodes.withLabelSelector(labelSelector);
        return nodes.list();
    }

    static String name(Node node) {
        return node.getMetadata().getName();
    }

    /** {@code {"name": …, "<condition type>": "<status>", …}}, get_all_node_status_conditions' entry. */
    static Map<String, Object> conditions(Node node) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name(node));
        List<NodeCondition> conditions = node.getStatus() == null || node.getStatus().getConditions() == null
                ? List.of() : node.getStatus().getConditions();
        conditions.forEach(c -> entry.put(c.getType(), c.getStatus()));
        return entry;
    }

    static boolean ready(Node node) {
        return "True".equals(conditions(node).get("Ready"));
    }

    static boolean schedulable(Node node) {
        return node.getSpec() == null || !Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    }
}
