package dev.chaosaction.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.util.List;

/** Reading pods the way the extension does. */
final class Pods {
    private Pods() {}

    /** The pods of a namespace, filtered by a label selector when one is given (Python's {@code if label_selector}). */
    static List<Pod> list(KubernetesClient client, String namespace, String labelSelector) {
        FilterWatchListDeletable<Pod, PodList, PodResource> pods = client.pods().inNamespace(namespace);
        if (labelSelector != null && !labelSelector.isEmpty()) pods = pods.withLabelSelector(labelSelector);
        return pods.list().getItems();
    }

    static String name(Pod pod) {
        return pod.getMetadata().getName();
    }

    static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    /** Deletion has begun (a deletionTimestamp is set); the pod is on its way out. */
    static boolean terminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    static List<PodCondition> conditions(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getConditions() == null ? List.of()
                : pod.getStatus().getConditions();
    }

    static List<String> names(List<Pod> pods) {
        return pods.stream().map(Pods::name).toList();
    }
}
