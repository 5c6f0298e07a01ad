package dev.chaosaction.kubernetes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.safety.Guardrails;
import dev.chaosaction.sandbox.ControlPlane;
import dev.chaosaction.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The library against a real control plane ({@link ControlPlane}, from {@code CHAOS_KUBE_BIN}): one per test
 * run, started by the first test that needs it and stopped when the run ends. Each test gets its own namespace
 * with a Deployment {@code web} (3 replicas, Ready) on two fake nodes of its own, {@code <ns>-node-1} and
 * {@code -2}, labelled {@code chaos-test=<ns>}, so that tests do not see each other's pods or cordons.
 * Without {@code CHAOS_KUBE_BIN} the tests skip, except under {@code CI=true}, where they fail.
 */
final class RealK8s implements BeforeEachCallback, AfterEachCallback {
    static final int REPLICAS = 3;
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(RealK8s.class);

    private final Guardrails guardrails;
    ControlPlane plane;
    KubernetesClient client;
    KubernetesLibrary library;
    String ns;
    List<String> nodes;

    RealK8s(Guardrails guardrails) {
        this.guardrails = guardrails;
    }

    RealK8s() {
        this(Guardrails.defaults());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        plane = shared(context);
        client = plane.client();
        ns = "t-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
        nodes = List.of(ns + "-node-1", ns + "-node-2");
        for (String node : nodes) plane.addNode(node, Map.of("chaos-test", ns));
        await(() -> nodes.stream().allMatch(plane::nodeReady));
        client.apps().deployments().inNamespace(ns).resource(deployment("web", REPLICAS)).create();
        await(() -> ready(ns, "web") == REPLICAS);
        library = new KubernetesLibrary(() -> Chaosk8s.connect(plane.kubeconfig()), guardrails);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (library != null) library.close();
        if (client == null) return;
        client.namespaces().withName(ns).delete();
        for (String node : nodes) client.nodes().withName(node).delete();
    }

    /** The run's control plane; the root store closes it when the run ends. */
    private static ControlPlane shared(ExtensionContext context) {
        String bin = System.getenv("CHAOS_KUBE_BIN");
        if (bin == null || bin.isBlank()) {
            String why = "CHAOS_KUBE_BIN is not set: no control plane binaries (kube/build.sh builds them)";
            if ("true".equals(System.getenv("CI"))) throw new IllegalStateException(why);
            Assumptions.abort(why);
        }
        return context.getRoot().getStore(STORE).getOrComputeIfAbsent("plane",
                k -> ControlPlane.start(Path.of(bin), 0), ControlPlane.class);
    }

    /** A Deployment whose pods land on this test's nodes and take 30 s to go once deleted, as by default. */
    Deployment deployment(String name, int replicas) {
        Map<String, String> labels = Map.of("app", name);
        return new DeploymentBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addToNodeSelector("chaos-test", ns)
                .addNewContainer().withName(name).withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    Object call(String module, String func, Map<String, Object> arguments) throws ActivityFailed {
        return Chaosk8s.call(library, module, func, arguments, false);
    }

    Object dryRun(String module, String func, Map<String, Object> arguments) throws ActivityFailed {
        return Chaosk8s.call(library, module, func, arguments, true);
    }

    /** The Deployment's pods, terminating ones included, in the order the API lists them. */
    List<Pod> pods() {
        return client.pods().inNamespace(ns).withLabel("app", "web").list().getItems();
    }

    /** The Deployment's pods that are not terminating. */
    List<String> livePodNames() {
        return pods().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(p -> p.getMetadata().getName()).toList();
    }

    Pod pod(String name) {
        return client.pods().inNamespace(ns).withName(name).get();
    }

    /** Ready replicas as the Deployment's status reports them. */
    int ready(String namespace, String name) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
        Integer ready = d == null || d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
        return ready == null ? 0 : ready;
    }

    void setSchedulable(String node, boolean schedulable) {
        Chaosk8s.setSchedulable(client, node, schedulable);
    }

    /** Controllers work in the background, on a busy machine: wait for a state, for up to a minute. */
    static void await(BooleanSupplier condition) {
        assertTrue(Sandbox.await(Duration.ofSeconds(60), condition), "condition not reached within 60 s");
    }
}
