package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.safety.Guardrails;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Supplier;

/**
 * What the functions of one run share: one client, built at the first call that needs it (an HTTP-only
 * experiment never connects), and the run's guardrails.
 *
 * <p>This class only names fabric8 types in signatures, so loading it loads none of them.
 */
final class Cluster implements AutoCloseable {
    private final Supplier<? extends KubernetesClient> connect;
    private final Guardrails guardrails;
    private KubernetesClient client;

    Cluster(Supplier<? extends KubernetesClient> connect, Guardrails guardrails) {
        this.connect = connect;
        this.guardrails = guardrails;
    }

    synchronized KubernetesClient client() throws ActivityFailed {
        if (client == null) {
            KubernetesClient built;
            try {
                built = connect.get();
            } catch (RuntimeException e) {
                throw new ActivityFailed("cannot connect to the Kubernetes cluster: " + e.getMessage(), e);
            }
            if (built == null) throw new ActivityFailed("cannot connect to the Kubernetes cluster: no client");
            client = built;
        }
        return client;
    }

    Guardrails guardrails() {
        return guardrails;
    }

    @Override
    public synchronized void close() {
        if (client != null) client.close();
        client = null;
    }
}
