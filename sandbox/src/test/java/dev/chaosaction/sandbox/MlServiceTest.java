package dev.chaosaction.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The brief's ML service beside the shop: where its pods run, what its health says, how its name is reached. */
class MlServiceTest {
    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.builder().mlService(true).recreateDelay(Duration.ofMillis(100))
                .readyDelay(Duration.ofMillis(50)).start();
        sandbox.awaitReady(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private List<Pod> mlPods() {
        return sandbox.client().pods().inNamespace("default").withLabel("app", "ml-service").list().getItems();
    }

    /** GET http://ml-service/api/health through the sandbox's routes, as the engine's client would send it. */
    private HttpResponse<String> health() throws Exception {
        HttpClient http = HttpClient.newBuilder().proxy(sandbox.serviceRoutes()).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://ml-service/api/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void itsPodsRunOnItsOwnNodeAndTheShopsStayOff() {
        List<Pod> pods = mlPods();
        assertEquals(3, pods.size());
        assertTrue(pods.stream().allMatch(p -> p.getMetadata().getName().startsWith("ml-service-")));
        assertTrue(pods.stream().allMatch(p -> "ml-service-node".equals(p.getSpec().getNodeName())));
        assertTrue(sandbox.client().pods().inNamespace("shop").list().getItems().stream()
                .noneMatch(p -> "ml-service-node".equals(p.getSpec().getNodeName())));
    }

    @Test
    void aDeletedPodIsReplacedOnTheSameNode() {
        String victim = mlPods().getFirst().getMetadata().getName();
        sandbox.client().pods().inNamespace("default").withName(victim).delete();
        assertTrue(Sandbox.await(Duration.ofSeconds(10), () -> mlPods().size() == 3
                && mlPods().stream().noneMatch(p -> victim.equals(p.getMetadata().getName()))
                && mlPods().stream().allMatch(PodStates::serving)));
        assertTrue(mlPods().stream().allMatch(p -> "ml-service-node".equals(p.getSpec().getNodeName())));
    }

    @Test
    void theServiceNameReachesTheHealthEndpointWhichFollowsTheReadyReplicas() throws Exception {
        HttpResponse<String> up = health();
        assertEquals(200, up.statusCode());
        assertTrue(up.body().contains("\"status\":\"UP\""), up.body());
        sandbox.client().apps().deployments().inNamespace("default").withName("ml-service").scale(1);
        assertTrue(Sandbox.await(Duration.ofSeconds(10), () -> mlPods().size() == 1));
        HttpResponse<String> down = health();
        assertEquals(503, down.statusCode());
        assertTrue(down.body().contains("\"status\":\"DOWN\""), down.body());
    }

    @Test
    void onlyTheSandboxsServiceNamesAreRouted() {
        ServiceRoutes routes = sandbox.serviceRoutes();
        for (String host : List.of("ml-service", "ml-service.default.svc.cluster.local")) {
            Proxy proxy = routes.select(URI.create("http://" + host + "/api/health")).getFirst();
            assertEquals(Proxy.Type.HTTP, proxy.type(), host);
            assertTrue(((InetSocketAddress) proxy.address()).getAddress().isLoopbackAddress(), host);
        }
        ProxySelector fallback = ProxySelector.getDefault();
        for (String url : List.of("http://example.test/", "https://ml-service/api/health", "http://ml-service:8080/")) {
            assertEquals(fallback.select(URI.create(url)), routes.select(URI.create(url)), url);
        }
    }
}
