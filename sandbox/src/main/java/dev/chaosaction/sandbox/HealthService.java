package dev.chaosaction.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A simulated application's health endpoint: {@code GET <path>} answers 200 {@code {"status": "UP",
 * "ready": n}} while at least {@code minReady} of the Deployment's pods are Running and Ready, and 503
 * {@code {"status": "DOWN", ...}} otherwise, as a service behind a load balancer would look from outside.
 * Requests in a proxy's absolute form ({@code GET http://ml-service/api/health}) are served the same, which is
 * how the sandbox's service names reach it ({@link ServiceRoutes}).
 */
final class HealthService implements AutoCloseable {
    private final HttpServer server;
    /** Enough for a paced load probe and a waiting rollout request beside the health checks. */
    private final ExecutorService executor = Executors.newFixedThreadPool(16,
            Thread.ofPlatform().daemon().name("sandbox-health-", 0).factory());
    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, String> selector;
    private final int minReady;
    private final String path;

    HealthService(KubernetesClient client, String namespace, Map<String, String> selector, int minReady, int port,
                  String path) {
        this.path = path;
        this.client = client;
        this.namespace = namespace;
        this.selector = Map.copyOf(selector);
        this.minReady = minReady;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Serves {@code path} (and what lies below it) with {@code handler} on the same port. */
    void route(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!path.equals(exchange.getRequestURI().getPath())) {
                reply(exchange, 404, Map.of("error", "not found; try GET " + path));
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                reply(exchange, 405, Map.of("error", "method not allowed"));
            } else {
                int ready = readyPods();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", ready >= minReady ? "UP" : "DOWN");
                body.put("ready", ready);
                if (ready < minReady) body.put("required", minReady);
                reply(exchange, ready >= minReady ? 200 : 503, body);
            }
        }
    }

    private int readyPods() {
        return (int) client.pods().inNamespace(namespace).withLabels(selector).list().getItems().stream()
                .filter(PodStates::serving).count();
    }

    /** Answers {@code body} as JSON with {@code status}. */
    static void reply(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = Serialization.asJson(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
