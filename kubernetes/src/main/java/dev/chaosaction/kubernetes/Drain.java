package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.CancelToken;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What drain_nodes evicts, following {@code kubectl drain --ignore-daemonsets} as the extension does. */
final class Drain {
    private static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
    private static final Duration POLL = Duration.ofSeconds(1);

    private Drain() {}

    /**
     * The pods to evict from the nodes: not mirror pods, not DaemonSet pods, pods with local storage only
     * when allowed. A pod no controller manages stops the drain, since nothing would bring it back.
     */
    static List<Pod> plan(KubernetesClient client, List<String> nodes, boolean withLocalStorage)
            throws ActivityFailed {
        List<Pod> evictions = new ArrayList<>();
        for (String node : nodes) {
            // Filtered here too: some API servers, the sandbox's among them, ignore this field selector.
            for (Pod pod : client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems()) {
                if (pod.getSpec() == null || !node.equals(pod.getSpec().getNodeName()) || isMirror(pod)) continue;
                if (hasLocalStorage(pod)) {
                    if (withLocalStorage) evictions.add(pod);
                } else if (finished(pod)) {
                    evictions.add(pod);
                } else if (managedOutsideDaemonSet(pod, node)) {
                    evictions.add(pod);
                }
            }
        }
        return evictions;
    }

    /** Evicts the pods (respecting PodDisruptionBudgets) and waits until each is gone or replaced. */
    static void evictAndWait(KubernetesClient client, List<Pod> pods, long timeoutSeconds, CancelToken cancel)
            throws ActivityFailed {
        Map<String, List<Pod>> byNamespace = new LinkedHashMap<>();
        pods.forEach(p -> byNamespace.computeIfAbsent(p.getMetadata().getNamespace(), ns -> new ArrayList<>())
                .add(p));
        for (Map.Entry<String, List<Pod>> group : byNamespace.entrySet()) {
            PodTerminator.Outcome outcome = PodTerminator.terminate(client, group.getKey(), group.getValue(), -1,
                    true, cancel);
            if (!outcome.failures().isEmpty()) {
                throw new ActivityFailed("Failed to evict pods: " + String.join("; ", outcome.failures()));
            }
        }
        waitUntilGone(client, pods, timeoutSeconds, cancel);
    }

    static String qualifiedName(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + Pods.name(pod);
    }

    private static void waitUntilGone(KubernetesClient client, List<Pod> pods, long timeoutSeconds, CancelToken cancel)
            throws ActivityFailed {
        Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
        List<Pod> remaining = new ArrayList<>(pods);
        while (true) {
            remaining.removeIf(p -> gone(client, p));
            if (remaining.isEmpty()) return;
            if (Instant.now().isAfter(deadline)) {
                throw new ActivityFailed("Draining nodes did not completed within " + timeoutSeconds
                        + "s. Remaining pods are:\n" + String.join("\n", remaining.stream().map(Pods::name).toList()));
            }
            cancel.sleep(POLL);
        }
    }

    /** Gone, or rescheduled under the same name (a new uid). */
    private static boolean gone(KubernetesClient client, Pod pod) {
        Pod now = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(Pods.name(pod)).get();
        return now == null || !now.getMetadata().getUid().equals(pod.getMetadata().getUid());
    }

    private static boolean finished(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static boolean isMirror(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        return annotations != null && annotations.containsKey(MIRROR_ANNOTATION);
    }

    private static boolean hasLocalStorage(Pod pod) {
        List<Volume> volumes = pod.getSpec().getVolumes();
        return volumes != null && volumes.stream().anyMatch(v -> v.getEmptyDir() != null);
    }

    /**
     * True for a pod a controller other than a DaemonSet owns; false for a DaemonSet's pod (left in place).
     * A pod without a controller is refused, as the extension does, but also when it has no owner at all
     * (where the extension crashed).
     */
    private static boolean managedOutsideDaemonSet(Pod pod, String node) throws ActivityFailed {
        List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
        for (OwnerReference owner : owners == null ? List.<OwnerReference>of() : owners) {
            if ("DaemonSet".equals(owner.getKind())) return false;
            if (Boolean.TRUE.equals(owner.getController())) return true;
        }
        throw new ActivityFailed("Pod '" + Pods.name(pod) + "' on node '" + node
                + "' is unmanaged, cannot drain this node. Delete it manually first?");
    }
}
