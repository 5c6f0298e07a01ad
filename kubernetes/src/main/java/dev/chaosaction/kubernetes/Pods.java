package dev.chaosaction.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;

/**
 * Reading pods the way the extension does. A list comes back as generic resources (typed metadata, the rest
 * maps): the functions read a handful of fields, and a typed pod list costs a fresh process Jackson's
 * deserializers for the whole pod model (some 100 classes introspected) before the first answer is read.
 */
final class Pods {
    /** Pods in the core group, named in full so that fabric8 asks the API server nothing to find them. */
    private static final ResourceDefinitionContext POD = new ResourceDefinitionContext.Builder()
            .withGroup("").withVersion("v1").withKind("Pod").withPlural("pods").withNamespaced(true).build();

    private Pods() {}

    /** The pods of a namespace, filtered by a label selector when one is given (Python's {@code if label_selector}). */
    static List<GenericKubernetesResource> list(KubernetesClient client, String namespace, String labelSelector) {
        FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList,
                Resource<GenericKubernetesResource>> pods =
                client.genericKubernetesResources(POD).inNamespace(namespace);
        if (labelSelector != null && !labelSelector.isEmpty()) pods = pods.withLabelSelector(labelSelector);
        return pods.list().getItems();
    }

    static String name(HasMetadata pod) {
        return pod.getMetadata().getName();
    }

    static String phase(GenericKubernetesResource pod) {
        return pod.get("status", "phase") instanceof String phase ? phase : null;
    }

    /** Deletion has begun (a deletionTimestamp is set); the pod is on its way out. */
    static boolean terminating(HasMetadata pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** The pod's {@code status.conditions}, each as the API gives it ({@code type}, {@code status}, ...). */
    static List<Map<?, ?>> conditions(GenericKubernetesResource pod) {
        return pod.get("status", "conditions") instanceof List<?> conditions
                ? conditions.stream().filter(Map.class::isInstance).<Map<?, ?>>map(Map.class::cast).toList()
                : List.of();
    }

    static String nodeName(GenericKubernetesResource pod) {
        return pod.get("spec", "nodeName") instanceof String node ? node : null;
    }

    /** The names of the pod's containers, in order. */
    static List<String> containers(GenericKubernetesResource pod) {
        return pod.get("spec", "containers") instanceof List<?> containers
                ? containers.stream().filter(Map.class::isInstance)
                        .map(c -> ((Map<?, ?>) c).get("name")).filter(String.class::isInstance)
                        .map(String.class::cast).toList()
                : List.of();
    }

    static List<String> names(List<? extends HasMetadata> pods) {
        return pods.stream().map(Pods::name).toList();
    }
}
