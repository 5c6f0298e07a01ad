package dev.chaosaction.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The simulated ML service's pods as the model server sees them: how many serve, which model version each runs
 * (its image's tag, {@code simulated/ml-model:1.4.0}), and the Deployment's rollouts. A rollout sets a new image
 * on the pod template and asks for a restart ({@code restartedAt}), so the sandbox's controller replaces the pods
 * one at a time, as a Deployment's rolling update would; a rollback puts the previous image back the same way.
 * The previous version is kept in an annotation of the Deployment, so it is cluster state, not memory.
 */
final class ModelFleet implements AutoCloseable {
    static final String IMAGE = "simulated/ml-model";
    static final String FIRST_VERSION = "1.4.0";
    static final String PREVIOUS = "ml.chaos-action.dev/previous-version";
    /** How often the state is read from the API server in the background: predictions never wait for it. */
    private static final long REFRESH_MILLIS = 50;

    /** What serves now. */
    record State(int serving, int desired, Map<String, Integer> versions, String templateVersion) {
        /** The one version every serving pod runs, or null while versions are mixed or nothing serves. */
        String version() {
            return versions.size() == 1 ? versions.keySet().iterator().next() : null;
        }

        boolean rolledOut() {
            return serving == desired && templateVersion.equals(version());
        }
    }

    private final KubernetesClient client;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sandbox-model-fleet").factory());
    private volatile State cached;

    ModelFleet(KubernetesClient client) {
        this.client = client;
        this.cached = read();
        refresher.scheduleWithFixedDelay(this::refresh, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The state as last read, at most {@value #REFRESH_MILLIS} ms old. */
    State state() {
        return cached;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }

    private void refresh() {
        try {
            cached = read();
        } catch (RuntimeException e) {
            // The API server is going away (close) or hiccuped: keep the last state and try again.
        }
    }

    /** Starts rolling {@code version} out; returns the version it replaces. */
    String rollOut(String version) {
        String[] previous = new String[1];
        deployment().edit(d -> {
            previous[0] = version(d);
            return withImage(d, version, previous[0]);
        });
        refresh();
        return previous[0];
    }

    /**
     * Starts rolling the previous version back; returns the version it replaces, or null (and nothing changes)
     * when there is none.
     */
    String rollBack() {
        Deployment d = deployment().get();
        Map<String, String> annotations = d.getMetadata().getAnnotations();
        String previous = annotations == null ? null : annotations.get(PREVIOUS);
        if (previous == null) return null;
        String replaced = version(d);
        deployment().edit(current -> withImage(current, previous, version(current)));
        refresh();
        return replaced;
    }

    /** Waits until the template's version serves on every desired pod; returns the state last read. */
    State awaitRolledOut(Duration timeout) {
        State[] last = {null};
        Sandbox.await(timeout, () -> (last[0] = read()).rolledOut());
        cached = last[0];
        return last[0];
    }

    private State read() {
        Deployment d = deployment().get();
        Map<String, Integer> versions = new TreeMap<>();
        int serving = 0;
        for (Pod pod : client.pods().inNamespace(MlService.NAMESPACE).withLabel("app", MlService.NAME).list()
                .getItems()) {
            if (!PodStates.serving(pod)) continue;
            serving++;
            versions.merge(tag(pod.getSpec().getContainers().getFirst().getImage()), 1, Integer::sum);
        }
        int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        return new State(serving, desired, Map.copyOf(versions), version(d));
    }

    private io.fabric8.kubernetes.client.dsl.RollableScalableResource<Deployment> deployment() {
        return client.apps().deployments().inNamespace(MlService.NAMESPACE).withName(MlService.NAME);
    }

    private static Deployment withImage(Deployment d, String version, String previous) {
        d.getSpec().getTemplate().getSpec().getContainers().getFirst().setImage(IMAGE + ":" + version);
        if (d.getSpec().getTemplate().getMetadata().getAnnotations() == null) {
            d.getSpec().getTemplate().getMetadata().setAnnotations(new HashMap<>());
        }
        d.getSpec().getTemplate().getMetadata().getAnnotations().put(ReplicaController.RESTARTED_AT,
                Instant.now().toString());
        if (d.getMetadata().getAnnotations() == null) d.getMetadata().setAnnotations(new HashMap<>());
        d.getMetadata().getAnnotations().put(PREVIOUS, previous);
        return d;
    }

    private static String version(Deployment d) {
        return tag(d.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage());
    }

    private static String tag(String image) {
        int colon = image.lastIndexOf(':');
        return colon < 0 ? "latest" : image.substring(colon + 1);
    }
}
