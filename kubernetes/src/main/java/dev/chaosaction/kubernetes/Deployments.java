package dev.chaosaction.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import java.util.List;

/** Reading deployments the way the extension does: by name (a field selector), and labels if given. */
final class Deployments {
    private Deployments() {}

    static FilterWatchListDeletable<Deployment, DeploymentList, RollableScalableResource<Deployment>> query(
            KubernetesClient client, String namespace, String name, String labelSelector) {
        var query = client.apps().deployments().inNamespace(namespace).withField("metadata.name", name);
        return labelSelector == null || labelSelector.isEmpty() ? query : query.withLabelSelector(labelSelector);
    }

    static List<Deployment> find(KubernetesClient client, String namespace, String name, String labelSelector) {
        return query(client, namespace, name, labelSelector).list().getItems().stream()
                .filter(d -> name.equals(d.getMetadata().getName())).toList();
    }

    /** spec.replicas, which the API server defaults to 1. */
    static int desired(Deployment d) {
        Integer replicas = d.getSpec() == null ? null : d.getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }

    /** status.availableReplicas; the API omits it when it is zero. */
    static int available(Deployment d) {
        Integer available = d.getStatus() == null ? null : d.getStatus().getAvailableReplicas();
        return available == null ? 0 : available;
    }

    /** status.readyReplicas; the API omits it when it is zero. */
    static int ready(Deployment d) {
        Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
        return ready == null ? 0 : ready;
    }
}
