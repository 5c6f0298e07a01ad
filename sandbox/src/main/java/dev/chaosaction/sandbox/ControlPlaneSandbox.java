package dev.chaosaction.sandbox;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The quickstart's cluster on a real control plane ({@link ControlPlane}): namespace {@code shop}, Deployment
 * {@code web} on two fake nodes whose kubelets kwok plays, and the same health endpoint as the simulated
 * sandbox. Here the API server, the scheduler and the controllers are the real ones; only the kubelets are not.
 */
public final class ControlPlaneSandbox implements AutoCloseable {
    private static final String NAMESPACE = "shop";
    private static final String DEPLOYMENT = "web";
    private static final int NODES = 2;

    private final ControlPlane plane;
    private final HealthService health;
    private final int replicas;

    private ControlPlaneSandbox(ControlPlane plane, int replicas, int healthPort) {
        this.plane = plane;
        this.replicas = replicas;
        KubernetesClient client = plane.client();
        // The simulated sandbox's node names, so that the examples that name a node run on either.
        for (String node : nodeNames()) plane.addNode(node, Map.of("chaos-action.dev/sandbox", "true"));
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).create();
        client.apps().deployments().inNamespace(NAMESPACE).resource(deployment(replicas)).create();
        health = new HealthService(client, NAMESPACE, Map.of("app", DEPLOYMENT), Math.min(2, replicas), healthPort,
                "/health");
    }

    /** Starts the control plane from {@code bin} and seeds it; {@link #awaitReady} waits for the pods. */
    public static ControlPlaneSandbox start(Path bin, int replicas, int healthPort) {
        ControlPlane plane = ControlPlane.start(bin, 0);
        try {
            return new ControlPlaneSandbox(plane, replicas, healthPort);
        } catch (RuntimeException e) {
            plane.close();
            throw e;
        }
    }

    /** Waits until the Deployment reports all its replicas ready. */
    public void awaitReady(Duration timeout) {
        if (!Sandbox.await(timeout, () -> ready() == replicas && nodeNames().stream().allMatch(plane::nodeReady))) {
            throw new IllegalStateException("the Deployment " + NAMESPACE + "/" + DEPLOYMENT + " is not ready: "
                    + ready() + " of " + replicas + " replicas ready");
        }
    }

    public String banner() {
        return String.join("\n",
                "Kubernetes control plane on this machine: etcd, kube-apiserver, kube-controller-manager, "
                        + "kube-scheduler; kwok plays the kubelets of nodes " + String.join(", ", nodeNames()),
                "Kubernetes API: " + plane.server(),
                "kubeconfig: " + plane.kubeconfig(),
                "Deployment " + NAMESPACE + "/" + DEPLOYMENT + ": " + replicas + " replicas (label app=" + DEPLOYMENT
                        + "); deleted pods stay Terminating for their grace period (30 s) while the controller "
                        + "replaces them.",
                "Health endpoint: " + healthUrl() + " (UP while at least " + Math.min(2, replicas)
                        + " pods are ready)",
                "No container runs: exec and logs have nothing behind them.");
    }

    public Path kubeconfig() {
        return plane.kubeconfig();
    }

    public String healthUrl() {
        return health.url();
    }

    public String namespace() {
        return NAMESPACE;
    }

    private static List<String> nodeNames() {
        return IntStream.rangeClosed(1, NODES).mapToObj(i -> "sandbox-node-" + i).toList();
    }

    private int ready() {
        Deployment d = plane.client().apps().deployments().inNamespace(NAMESPACE).withName(DEPLOYMENT).get();
        Integer ready = d == null || d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
        return ready == null ? 0 : ready;
    }

    private static Deployment deployment(int replicas) {
        Map<String, String> labels = Map.of("app", DEPLOYMENT);
        return new DeploymentBuilder().withNewMetadata().withName(DEPLOYMENT).withNamespace(NAMESPACE)
                .withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName(DEPLOYMENT).withImage("nginx:1.27")
                .addNewPort().withContainerPort(8080).endPort().endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    @Override
    public void close() {
        health.close();
        plane.close();
    }
}
