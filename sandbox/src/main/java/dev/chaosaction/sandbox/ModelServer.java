package dev.chaosaction.sandbox;

import com.sun.net.httpserver.HttpExchange;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SIMULATED model server of the brief's ML service (no model runs; every answer says {@code "simulated": true}):
 * <ul>
 *   <li>{@code POST /api/predict} {@code {"features": [4 numbers, each 0-10]}}: 200 {@code {"prediction", "score",
 *       "source": "model", "model_version"}}. Its latency follows load and health: {@value #BASE_MS} ms with all
 *       replicas serving, more as fewer serve ({@code base * replicas / serving}) and as requests queue beyond two
 *       per serving pod. With no pod serving, the fallback answers at once: 200 {@code {"source": "fallback",
 *       "model_version": null}} and a fixed prediction. Input that is not JSON or has no features is 400; features
 *       of the wrong shape or outside the training range are 422 (graceful, not 5xx). A misconfigured service
 *       (input checks off, {@code chaos sandbox --ml-misconfigured}) passes them to the model, which fails: 500.</li>
 *   <li>{@code GET /api/model}: the version served, per-version pod counts, and whether a rollout is complete.</li>
 *   <li>{@code POST /api/model/rollout} {@code {"version": "1.5.0"}} and {@code POST /api/model/rollback}: roll
 *       the Deployment to that version (or back to the previous one) and answer once every pod serves it
 *       ({@link ModelFleet}), 504 if that takes over {@value #ROLLOUT_SECONDS} s.</li>
 * </ul>
 */
final class ModelServer {
    static final int BASE_MS = 8;
    static final int FEATURES = 4;
    static final double FEATURE_MAX = 10;
    private static final int ROLLOUT_SECONDS = 60;
    private static final String FALLBACK_PREDICTION = "medium";

    private final ModelFleet fleet;
    private final boolean checksInputs;
    private final AtomicInteger inFlight = new AtomicInteger();

    ModelServer(ModelFleet fleet, boolean checksInputs) {
        this.fleet = fleet;
        this.checksInputs = checksInputs;
    }

    void install(HealthService server) {
        server.route("/api/predict", e -> handle(e, "POST", this::predict));
        server.route("/api/model", e -> handle(e, e.getRequestURI().getPath().equals("/api/model") ? "GET" : "POST",
                this::model));
        warmUp(server.address());
    }

    /**
     * Answers a few predictions before anyone asks: a real model server is warm when it takes traffic, and the
     * first answers of a cold JVM (class loading, JSON set-up) would otherwise show in the first measured latencies.
     */
    private static void warmUp(java.net.InetSocketAddress address) {
        URI uri = URI.create("http://127.0.0.1:" + address.getPort() + "/api/predict");
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (int i = 0; i < 20; i++) {
                http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"features\": [1, 2, 3, " + (i % 2 == 0 ? "4" : "40") + "]}")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the simulated model server does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange, String body) throws IOException, InterruptedException;
    }

    private static void handle(HttpExchange exchange, String method, Handler handler) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!method.equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", method);
                HealthService.reply(exchange, 405, answer("error", "method not allowed; use " + method));
                return;
            }
            handler.handle(exchange, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void predict(HttpExchange exchange, String body) throws IOException, InterruptedException {
        Object parsed = parse(body);
        Object features = parsed instanceof Map<?, ?> m ? m.get("features") : null;
        if (!(features instanceof List<?>)) {
            HealthService.reply(exchange, 400, answer("error", "expected a JSON object {\"features\": [" + FEATURES
                    + " numbers]}"));
            return;
        }
        String outOfDistribution = outOfDistribution((List<?>) features);
        ModelFleet.State state = fleet.state();
        if (state.serving() == 0) {
            Map<String, Object> out = answer("prediction", FALLBACK_PREDICTION);
            out.put("source", "fallback");
            out.put("model_version", null);
            out.put("reason", "no model replica is serving");
            HealthService.reply(exchange, 200, out);
            return;
        }
        if (outOfDistribution != null) {
            if (checksInputs) {
                Map<String, Object> out = answer("error", "input outside the model's training distribution");
                out.put("detail", outOfDistribution);
                HealthService.reply(exchange, 422, out);
            } else {
                HealthService.reply(exchange, 500, answer("error", "model raised on its input (misconfigured:"
                        + " input checks are off): " + outOfDistribution));
            }
            return;
        }
        int queued = inFlight.incrementAndGet();
        try {
            Thread.sleep(latencyMillis(state, queued));
        } finally {
            inFlight.decrementAndGet();
        }
        double score = score((List<?>) features);
        Map<String, Object> out = answer("prediction", score < 0.33 ? "low" : score < 0.66 ? "medium" : "high");
        out.put("score", score);
        out.put("source", "model");
        out.put("model_version", state.version() != null ? state.version() : String.join("|", state.versions().keySet()));
        HealthService.reply(exchange, 200, out);
    }

    private void model(HttpExchange exchange, String body) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/api/model")) {
            HealthService.reply(exchange, 200, describe(fleet.state()));
            return;
        }
        String previous;
        if (path.equals("/api/model/rollout")) {
            Object version = parse(body) instanceof Map<?, ?> m ? m.get("version") : null;
            if (!(version instanceof String v) || !v.matches("[0-9A-Za-z._-]{1,32}")) {
                HealthService.reply(exchange, 400, answer("error", "expected {\"version\": \"1.5.0\"}"));
                return;
            }
            previous = fleet.rollOut(v);
        } else if (path.equals("/api/model/rollback")) {
            previous = fleet.rollBack();
            if (previous == null) {
                HealthService.reply(exchange, 409, answer("error", "no previous version to roll back to"));
                return;
            }
        } else {
            HealthService.reply(exchange, 404, answer("error", "not found"));
            return;
        }
        ModelFleet.State state = fleet.awaitRolledOut(Duration.ofSeconds(ROLLOUT_SECONDS));
        Map<String, Object> out = describe(state);
        out.put("previous_version", previous);
        HealthService.reply(exchange, state.rolledOut() ? 200 : 504, out);
    }

    private static Map<String, Object> describe(ModelFleet.State state) {
        Map<String, Object> out = answer("model_version", state.version());
        out.put("deployed_version", state.templateVersion());
        out.put("versions_served", state.versions());
        out.put("ready", state.serving());
        out.put("replicas", state.desired());
        out.put("rollout", state.rolledOut() ? "complete" : "in progress");
        return out;
    }

    /** Why the features are not what the model was trained on, or null. */
    private static String outOfDistribution(List<?> features) {
        if (features.size() != FEATURES) return "expected " + FEATURES + " features, got " + features.size();
        for (int i = 0; i < features.size(); i++) {
            if (!(features.get(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                return "feature " + i + " is not a number";
            }
            if (n.doubleValue() < 0 || n.doubleValue() > FEATURE_MAX) {
                return "feature " + i + " = " + n + " is outside the training range 0-" + (int) FEATURE_MAX;
            }
        }
        return null;
    }

    /** Slower as fewer replicas serve and as requests queue beyond two per serving replica. */
    static long latencyMillis(ModelFleet.State state, int inFlight) {
        int serving = Math.max(1, state.serving());
        return (long) BASE_MS * Math.max(state.desired(), 1) / serving + 2L * Math.max(0, inFlight - 2 * serving);
    }

    private static double score(List<?> features) {
        double sum = 0;
        for (Object f : features) sum += ((Number) f).doubleValue();
        return Math.round(sum / (FEATURES * FEATURE_MAX) * 1000) / 1000.0;
    }

    private static Object parse(String body) {
        try {
            return Serialization.jsonMapper().readValue(body, Object.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Map<String, Object> answer(String key, Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(key, value);
        out.put("simulated", true);
        return out;
    }
}
