package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.FunctionContext;
import dev.chaosaction.value.Json;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * {@code chaosk8s.node.actions}: cordon, uncordon, drain. These act on the whole cluster; with neither a name
 * nor a selector they act on every node, as the extension does.
 */
final class NodeActions {
    private NodeActions() {}

    /** cordon_node: marks the nodes unschedulable; returns their names. */
    static Object cordonNode(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        return setSchedulable(cluster, args, context, false);
    }

    /** uncordon_node: makes the nodes schedulable again; returns their names. */
    static Object uncordonNode(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        return setSchedulable(cluster, args, context, true);
    }

    /**
     * drain_nodes: cordons the nodes, evicts their pods (as {@code kubectl drain --ignore-daemonsets}) and
     * waits until the pods are gone. Everything is planned before anything is touched: an unmanaged pod or a
     * guardrail stops the drain while the nodes are still schedulable.
     */
    static Object drainNodes(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        KubernetesClient client = cluster.client();
        List<Node> nodes = select(client, args.string("name"), args.string("label_selector"),
                args.optionalInteger("count"), args.string("pod_label_selector"), args.string("pod_namespace"), false);
        List<String> nodeNames = nodes.stream().map(Nodes::name).toList();
        List<Pod> evictions = Drain.plan(client, nodeNames, args.bool("delete_pods_with_local_storage"));
        for (Pod pod : evictions) cluster.guardrails().checkNamespace(pod.getMetadata().getNamespace());
        cluster.guardrails().reservePods(evictions.size());
        if (context.dryRun()) {
            Map<String, Object> preview = DryRun.preview("would_drain", nodeNames);
            preview.put("would_evict", evictions.stream().map(Drain::qualifiedName).toList());
            return preview;
        }
        for (String node : nodeNames) patchSchedulable(client, node, false);
        Drain.evictAndWait(client, evictions, args.integer("timeout"), context.cancel());
        return new ArrayList<>(nodeNames);
    }

    private static Object setSchedulable(Cluster cluster, Args args, FunctionContext context, boolean schedulable)
            throws ActivityFailed {
        KubernetesClient client = cluster.client();
        List<String> names = select(client, args.string("name"), args.string("label_selector"), null, null, null,
                false).stream().map(Nodes::name).toList();
        if (context.dryRun()) return DryRun.preview(schedulable ? "would_uncordon" : "would_cordon", names);
        for (String name : names) patchSchedulable(client, name, schedulable);
        return new ArrayList<>(names);
    }

    private static void patchSchedulable(KubernetesClient client, String node, boolean schedulable)
            throws ActivityFailed {
        try {
            client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE),
                    Json.write(Map.of("spec", Map.of("unschedulable", !schedulable))));
        } catch (KubernetesClientException e) {
            throw new ActivityFailed("Failed to " + (schedulable ? "schedule" : "unschedule") + " node '" + node
                    + "': " + Api.describe(e), e);
        }
    }

    /**
     * The extension's {@code _select_nodes}: by name and/or label, optionally only nodes hosting pods that
     * match {@code podLabelSelector} in {@code podNamespace}; then the first node, or {@code count} nodes at
     * random. Unlike the extension, a node is picked at most once (it drew with replacement, and listed a node
     * once per matching pod).
     */
    static List<Node> select(KubernetesClient client, String name, String labelSelector, Long count,
                             String podLabelSelector, String podNamespace, boolean first) throws ActivityFailed {
        FilterWatchListDeletable<Node, NodeList, Resource<Node>> query = client.nodes();
        if (name != null && !name.isEmpty()) query = query.withField("metadata.name", name);
        if (labelSelector != null && !labelSelector.isEmpty()) query = query.withLabelSelector(labelSelector);
        List<Node> nodes = query.list().getItems().stream()
                .filter(n -> name == null || name.isEmpty() || name.equals(Nodes.name(n))).toList();
        if (podLabelSelector != null && !podLabelSelector.isEmpty()
                && podNamespace != null && !podNamespace.isEmpty()) {
            Set<String> hosting = new LinkedHashSet<>();
            Pods.list(client, podNamespace, podLabelSelector).forEach(p -> hosting.add(Pods.nodeName(p)));
            nodes = nodes.stream().filter(n -> hosting.contains(Nodes.name(n))).toList();
        }
        if (nodes.isEmpty()) throw new ActivityFailed("failed to find a node that matches selector");
        if (first) return List.of(nodes.getFirst());
        if (count == null) return nodes;
        List<Node> shuffled = new ArrayList<>(nodes);
        Collections.shuffle(shuffled, RandomGenerator.getDefault());
        return List.copyOf(shuffled.subList(0, (int) Math.max(0, Math.min(count, shuffled.size()))));
    }
}
