package dev.chaosaction.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulated model server behind http://ml-service: predictions, the fallback, odd inputs, versions. */
@Timeout(60)
class ModelServerTest {
    private static final String GOOD = "{\"features\": [5.1, 3.5, 1.4, 0.2]}";
    private Sandbox sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) sandbox.close();
    }

    private void start(boolean misconfigured) {
        sandbox = Sandbox.builder().mlService(true).mlMisconfigured(misconfigured).recreateDelay(Duration.ofMillis(100))
                .readyDelay(Duration.ofMillis(50)).start();
        sandbox.awaitReady(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpClient http = HttpClient.newBuilder().proxy(sandbox.serviceRoutes()).build();
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return http.send(HttpRequest.newBuilder(URI.create("http://ml-service" + path)).method(method, publisher)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<?, ?> json(HttpResponse<String> response) {
        return Serialization.unmarshal(response.body(), Map.class);
    }

    @Test
    void theModelAnswersWithItsVersionAndOddInputsGetA4xx() throws Exception {
        start(false);
        HttpResponse<String> ok = send("POST", "/api/predict", GOOD);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("model", json(ok).get("source"));
        assertEquals("1.4.0", json(ok).get("model_version"));
        assertEquals(true, json(ok).get("simulated"));
        for (String odd : new String[] {"{\"features\": [1, 2, 3]}", "{\"features\": [1, 2, 3, 1e9]}",
                "{\"features\": [1, \"x\", 3, 4]}", "{\"features\": [-4, 2, 3, 4]}"}) {
            assertEquals(422, send("POST", "/api/predict", odd).statusCode(), odd);
        }
        assertEquals(400, send("POST", "/api/predict", "not json").statusCode());
        assertEquals(400, send("POST", "/api/predict", "{\"rows\": []}").statusCode());
        assertEquals(405, send("GET", "/api/predict", null).statusCode());
    }

    @Test
    void misconfiguredOddInputsReachTheModelWhichFailsWith500() throws Exception {
        start(true);
        assertEquals(500, send("POST", "/api/predict", "{\"features\": [1, 2, 3, 1e9]}").statusCode());
        assertEquals(200, send("POST", "/api/predict", GOOD).statusCode());
    }

    @Test
    void theFallbackAnswersWhileNoReplicaServes() throws Exception {
        start(false);
        sandbox.client().apps().deployments().inNamespace("default").withName("ml-service").scale(0);
        assertTrue(Sandbox.await(Duration.ofSeconds(10), () -> {
            try {
                return "fallback".equals(json(send("POST", "/api/predict", GOOD)).get("source"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        HttpResponse<String> fallback = send("POST", "/api/predict", GOOD);
        assertEquals(200, fallback.statusCode());
        assertNull(json(fallback).get("model_version"));
    }

    @Test
    void aRolloutReplacesEveryPodWithTheNewVersionAndARollbackPutsTheOldOneBack() throws Exception {
        start(false);
        assertEquals(Map.of("1.4.0", 3), json(send("GET", "/api/model", null)).get("versions_served"));
        HttpResponse<String> rollout = send("POST", "/api/model/rollout", "{\"version\": \"1.5.0\"}");
        assertEquals(200, rollout.statusCode(), rollout.body());
        assertEquals("1.5.0", json(rollout).get("model_version"));
        assertEquals("complete", json(rollout).get("rollout"));
        assertEquals("1.5.0", json(send("POST", "/api/predict", GOOD)).get("model_version"));
        assertTrue(sandbox.client().pods().inNamespace("default").withLabel("app", "ml-service").list().getItems()
                .stream().allMatch(p -> p.getSpec().getContainers().getFirst().getImage().endsWith(":1.5.0")));
        HttpResponse<String> back = send("POST", "/api/model/rollback", null);
        assertEquals(200, back.statusCode(), back.body());
        assertEquals("1.4.0", json(back).get("model_version"));
        assertEquals(400, send("POST", "/api/model/rollout", "{\"version\": \"../x y\"}").statusCode());
    }

    @Test
    void latencyGrowsAsReplicasAreLostAndAsRequestsQueue() {
        ModelFleet.State all = new ModelFleet.State(3, 3, Map.of("1.4.0", 3), "1.4.0");
        ModelFleet.State one = new ModelFleet.State(1, 3, Map.of("1.4.0", 1), "1.4.0");
        assertEquals(ModelServer.BASE_MS, ModelServer.latencyMillis(all, 1));
        assertEquals(3L * ModelServer.BASE_MS, ModelServer.latencyMillis(one, 1));
        assertTrue(ModelServer.latencyMillis(all, 20) > ModelServer.latencyMillis(all, 1));
    }
}
