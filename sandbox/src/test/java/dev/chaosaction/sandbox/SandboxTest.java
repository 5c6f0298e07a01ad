package dev.chaosaction.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Sandbox sandbox;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        sandbox = Sandbox.builder().recreateDelay(Duration.ofMillis(100)).readyDelay(Duration.ofMillis(50)).start();
        client = sandbox.client();
        sandbox.awaitReady(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void seedsTheDeploymentItsReadyPodsAndTwoReadyNodes() {
        List<Pod> pods = pods();
        assertEquals(3, pods.size());
        assertTrue(pods.stream().allMatch(PodStates::serving));
        assertTrue(pods.stream().allMatch(p -> p.getMetadata().getName().startsWith("web-")));
        assertEquals(Set.of("sandbox-node-1", "sandbox-node-2"),
                pods.stream().map(p -> p.getSpec().getNodeName()).collect(Collectors.toSet()));
        assertEquals(List.of("sandbox-node-1", "sandbox-node-2"),
                client.nodes().list().getItems().stream().map(n -> n.getMetadata().getName()).toList());
        Deployment web = client.apps().deployments().withName("web").get();
        assertEquals(3, web.getSpec().getReplicas());
        assertEquals(3, web.getStatus().getReadyReplicas());
        assertEquals(3, web.getStatus().getAvailableReplicas());
    }

    /** Chaos Toolkit's Kubernetes client refuses a container status without imageID (it is required). */
    @Test
    void runningPodsReportTheirContainersAsAKubeletDoes() {
        for (Pod pod : pods()) {
            var status = pod.getStatus().getContainerStatuses().getFirst();
            assertTrue(status.getImageID().startsWith("nginx@sha256:"), status.getImageID());
            assertTrue(status.getContainerID().startsWith("containerd://"), status.getContainerID());
        }
    }

    @Test
    void seededPodsAreOfDistinctAgesAndTheOldestIsNotListedFirst() {
        List<Pod> pods = pods();
        List<Instant> created = pods.stream().map(p -> Instant.parse(p.getMetadata().getCreationTimestamp())).toList();
        assertEquals(3, Set.copyOf(created).size());
        Pod oldest = pods.stream().min(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp())).orElseThrow();
        assertEquals(pods.get(1).getMetadata().getName(), oldest.getMetadata().getName());
        assertTrue(created.get(1).isBefore(Instant.now().minus(Duration.ofMinutes(59))));
    }

    @Test
    void recreatesADeletedPodWhichThenBecomesReady() {
        String victim = pods().getFirst().getMetadata().getName();
        client.pods().withName(victim).delete();

        await(() -> pods().size() == 3 && pods().stream().allMatch(PodStates::serving)
                && pods().stream().noneMatch(p -> p.getMetadata().getName().equals(victim)));
        await(() -> client.apps().deployments().withName("web").get().getStatus().getReadyReplicas() == 3);
        Pod replacement = pods().getLast();
        assertTrue(replacement.getMetadata().getName().matches("web-[b-z2-9]{9}-[b-z2-9]{5}"));
        assertEquals("ReplicaSet", replacement.getMetadata().getOwnerReferences().getFirst().getKind());
    }

    @Test
    void healthIsUpWhileEnoughPodsAreReadyDownOtherwiseAndUpAgainAfterRecovery() throws Exception {
        HttpResponse<String> up = health();
        assertEquals(200, up.statusCode());
        assertEquals("application/json", up.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"status\":\"UP\",\"ready\":3}", up.body());

        // With every node cordoned the deleted pods cannot come back, so DOWN lasts until the uncordon.
        sandbox.nodeNames().forEach(n -> client.nodes().withName(n).edit(node -> {
            node.getSpec().setUnschedulable(true);
            return node;
        }));
        pods().subList(0, 2).forEach(p -> client.pods().withName(p.getMetadata().getName()).delete());
        HttpResponse<String> down = health();
        assertEquals(503, down.statusCode());
        assertEquals("application/json", down.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"status\":\"DOWN\",\"ready\":1,\"required\":2}", down.body());

        sandbox.nodeNames().forEach(n -> client.nodes().withName(n).edit(node -> {
            node.getSpec().setUnschedulable(false);
            return node;
        }));
        // UP comes back with the second ready pod; wait for the third as well.
        await(() -> "{\"status\":\"UP\",\"ready\":3}".equals(health().body()));
        assertEquals(200, health().statusCode());
    }

    @Test
    void healthAnswersOnlyGetHealth() throws Exception {
        HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(URI.create(
                sandbox.healthUrl().replace("/health", "/other"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, other.statusCode());
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.healthUrl()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void kubeconfigWorksForAFreshClient() throws Exception {
        String text = Files.readString(sandbox.kubeconfig());
        assertTrue(text.startsWith("# chaos-action sandbox: a SIMULATED cluster"));
        Config config = Config.fromKubeconfig(text);
        assertEquals(sandbox.masterUrl(), config.getMasterUrl());
        assertEquals("shop", config.getNamespace());
        try (KubernetesClient fresh = new KubernetesClientBuilder().withConfig(config).build()) {
            assertEquals(3, fresh.pods().list().getItems().size());
        }
    }

    @Test
    void writesTheKubeconfigWhereAskedAndKeepsIt(@TempDir Path dir) {
        Path file = dir.resolve("sandbox.kubeconfig");
        try (Sandbox other = Sandbox.builder().namespace("payments").deployment("api").replicas(2).minReady(1)
                .kubeconfig(file).start()) {
            assertEquals(file, other.kubeconfig());
            other.awaitReady(Duration.ofSeconds(10));
            assertEquals(2, other.client().pods().inNamespace("payments").withLabel("app", "api").list()
                    .getItems().size());
        }
        assertTrue(Files.exists(file));
    }

    @Test
    void temporaryKubeconfigIsDeletedOnClose() {
        Path file = sandbox.kubeconfig();
        assertTrue(Files.exists(file));
        sandbox.close();
        assertFalse(Files.exists(file));
    }

    @Test
    void evictionRespectsAPodDisruptionBudget() {
        client.policy().v1().podDisruptionBudget().resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("web-pdb").endMetadata()
                .withNewSpec().withNewMinAvailable(3).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .endSpec().build()).create();
        String pod = pods().getFirst().getMetadata().getName();

        assertFalse(client.pods().withName(pod).evict());
        assertEquals(3, pods().size());

        client.policy().v1().podDisruptionBudget().withName("web-pdb").delete();
        assertTrue(client.pods().withName(pod).evict());
        assertNull(client.pods().withName(pod).get());
    }

    @Test
    void servesTimestampedLogs() {
        Pod pod = pods().getFirst();
        String log = client.pods().withName(pod.getMetadata().getName()).usingTimestamps().getLog();
        String[] lines = log.split("\n");
        assertEquals(2, lines.length);
        assertEquals(pod.getMetadata().getCreationTimestamp() + " sandbox: simulated container of pod "
                + pod.getMetadata().getName() + " started", lines[0]);
        assertTrue(lines[1].endsWith(" sandbox: GET /health 200"));
    }

    @Test
    void execRunsEchoAndReportsOtherCommandsAsNotFound() throws Exception {
        String pod = pods().getFirst().getMetadata().getName();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ExecWatch echo = client.pods().withName(pod).inContainer("web").writingOutput(out).writingError(err)
                .exec("echo", "hello", "sandbox")) {
            assertEquals(0, echo.exitCode().get(10, TimeUnit.SECONDS));
        }
        assertEquals("hello sandbox\n", out.toString(StandardCharsets.UTF_8));
        try (ExecWatch missing = client.pods().withName(pod).inContainer("web").writingOutput(out)
                .writingError(err).exec("ls", "/")) {
            assertEquals(127, missing.exitCode().get(10, TimeUnit.SECONDS));
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("sandbox: ls: command not found"));
    }

    @Test
    void listsThePodsOfANodeByFieldSelector() {
        Set<String> onNode1 = pods().stream().filter(p -> "sandbox-node-1".equals(p.getSpec().getNodeName()))
                .map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        assertEquals(2, onNode1.size());
        assertEquals(onNode1, client.pods().inAnyNamespace().withField("spec.nodeName", "sandbox-node-1").list()
                .getItems().stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet()));
    }

    @Test
    void followsScaleUpAndDown() {
        client.apps().deployments().withName("web").scale(5);
        await(() -> pods().stream().filter(PodStates::serving).count() == 5);
        await(() -> client.apps().deployments().withName("web").get().getStatus().getReadyReplicas() == 5);
        client.apps().deployments().withName("web").scale(1);
        await(() -> pods().size() == 1);
    }

    @Test
    void placesRecreatedPodsOnSchedulableNodesOnly() {
        client.nodes().withName("sandbox-node-1").edit(node -> {
            node.getSpec().setUnschedulable(true);
            return node;
        });
        List<String> before = pods().stream().map(p -> p.getMetadata().getName()).toList();
        before.forEach(name -> client.pods().withName(name).delete());
        await(() -> pods().size() == 3 && pods().stream().allMatch(PodStates::serving));
        assertEquals(Set.of("sandbox-node-2"),
                pods().stream().map(p -> p.getSpec().getNodeName()).collect(Collectors.toSet()));
    }

    @Test
    void rolloutRestartReplacesEveryPod() {
        Set<String> before = pods().stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        client.apps().deployments().withName("web").rolling().restart();
        await(() -> pods().size() == 3 && pods().stream().allMatch(PodStates::serving)
                && pods().stream().noneMatch(p -> before.contains(p.getMetadata().getName())));
    }

    @Test
    void recordsTheChangesClientsAskForButNotItsOwn() {
        String victim = pods().getFirst().getMetadata().getName();
        client.pods().withName(victim).delete();
        await(() -> pods().size() == 3 && pods().stream().allMatch(PodStates::serving));

        List<ApiCall> calls = sandbox.apiCalls();
        assertEquals(1, calls.size());
        assertEquals("DELETE", calls.getFirst().method());
        assertEquals("/api/v1/namespaces/shop/pods/" + victim, calls.getFirst().path());
    }

    @Test
    void bannerSaysItIsASimulation() {
        String banner = sandbox.banner();
        assertTrue(banner.startsWith("*** SIMULATED CLUSTER: this is the chaos-action sandbox, not a real"));
        assertTrue(banner.contains(sandbox.masterUrl()));
        assertTrue(banner.contains(sandbox.kubeconfig().toString()));
        assertTrue(banner.contains(sandbox.healthUrl()));
    }

    @Test
    void awaitReadyFailsWhenTheDeploymentCannotRecover() {
        sandbox.nodeNames().forEach(n -> client.nodes().withName(n).edit(node -> {
            node.getSpec().setUnschedulable(true);
            return node;
        }));
        client.pods().withName(pods().getFirst().getMetadata().getName()).delete();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> sandbox.awaitReady(Duration.ofMillis(300)));
        assertEquals("the sandbox's Deployment shop/web is not ready: 2 of 3 pods ready", e.getMessage());
        assertEquals(2, pods().size());
    }

    private List<Pod> pods() {
        return client.pods().withLabels(Map.of("app", "web")).list().getItems();
    }

    private HttpResponse<String> health() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.healthUrl())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition) {
        assertTrue(Sandbox.await(Duration.ofSeconds(10), condition), "condition not reached within 10 s");
    }
}
