package dev.chaosaction.bench;

import dev.chaosaction.sandbox.ControlPlane;
import dev.chaosaction.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A cluster for {@code bench/kube.sh}: a real control plane (binaries from {@code CHAOS_KUBE_BIN}, two fake nodes
 * of 1000 pods each), or with the argument {@code sandbox} the sandbox's stand-in (fabric8's mock API server and
 * its replica controller). Prints its kubeconfig's path, then reads commands from standard input, one a line, and
 * answers each with one line. {@code pods N} scales Deployment {@code bench/bench} to N replicas and answers once
 * exactly N of its pods are Ready and none is terminating (so a round starts from a settled cluster); end of
 * input stops the cluster. On the real control plane its pods take one second to go once deleted; on the
 * stand-in they go at once and come back 50 ms later.
 */
public final class KubeBenchCluster {
    private static final String NS = "bench";

    private KubeBenchCluster() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("sandbox")) {
            try (Sandbox sandbox = Sandbox.builder().namespace(NS).deployment(NS).replicas(0)
                    .recreateDelay(Duration.ofMillis(50)).readyDelay(Duration.ZERO).start()) {
                serve(sandbox.client(), sandbox.kubeconfig(), KubeBenchCluster::scaleOnStandIn);
            }
            return;
        }
        try (ControlPlane plane = ControlPlane.start(Path.of(System.getenv("CHAOS_KUBE_BIN")), 2)) {
            KubernetesClient client = plane.client();
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                    .create();
            client.apps().deployments().inNamespace(NS).resource(deployment()).create();
            serve(client, plane.kubeconfig(), (c, pods) -> c.apps().deployments().inNamespace(NS).withName(NS)
                    .scale(pods));
        }
    }

    private static void serve(KubernetesClient client, Path kubeconfig,
                              BiConsumer<KubernetesClient, Integer> scale) throws IOException {
        System.out.println(kubeconfig);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            int pods = Integer.parseInt(line.replaceFirst("^pods ", "").trim());
            scale.accept(client, pods);
            boolean settled = Sandbox.await(Duration.ofMinutes(5), () -> settled(client, pods));
            System.out.println(settled ? "ready " + pods : "not settled: " + pods + " pods wanted");
        }
    }

    /**
     * The stand-in's replica controller writes the Deployment's status while it recreates pods, so an edit can
     * meet a newer version (409 Conflict): read it again and retry, as kubectl scale would be asked again.
     */
    private static void scaleOnStandIn(KubernetesClient client, int pods) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.apps().deployments().inNamespace(NS).withName(NS).edit(d -> {
                    d.getSpec().setReplicas(pods);
                    return d;
                });
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == 10) throw e;
            }
        }
    }

    private static boolean settled(KubernetesClient client, int pods) {
        List<Pod> items = client.pods().inNamespace(NS).withLabel("app", NS).list().getItems();
        return items.size() == pods && items.stream().allMatch(KubeBenchCluster::ready);
    }

    private static boolean ready(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static io.fabric8.kubernetes.api.model.apps.Deployment deployment() {
        Map<String, String> labels = Map.of("app", NS);
        return new DeploymentBuilder().withNewMetadata().withName(NS).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(0).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(1L)
                .addNewContainer().withName("app").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }
}
