package dev.chaosaction.compat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The loopback HTTP server both tools call, with fixed endpoints so that a case's answer never depends on
 * which tool asked or when. Experiments name it as {@code @HTTP@} (the harness writes the base URL in).
 */
final class Endpoints implements AutoCloseable {
    static final String JSON = """
            {"status": "UP", "count": 3, "ratio": 0.75, "version": "1.2.3", "none": null,
             "items": [{"name": "a", "ok": true, "n": 1}, {"name": "b", "ok": false, "n": 2},
                       {"name": "c", "ok": true, "n": 3}],
             "nested": {"db": {"status": "UP", "latency": 12}}}""";

    private final HttpServer server;

    Endpoints() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "compat-endpoints");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String[] parts = path.substring(1).split("/", 2);
            String rest = parts.length > 1 ? parts[1] : "";
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            switch (parts[0]) {
                case "json" -> send(exchange, 200, "application/json", JSON);
                case "list" -> send(exchange, 200, "application/json", "[1, 2, 3]");
                case "number" -> send(exchange, 200, "application/json", "42");
                case "text" -> send(exchange, 200, "text/plain", "hello world 42");
                case "html" -> send(exchange, 200, "text/html; charset=utf-8", "<html><body>ok</body></html>");
                case "malformed" -> send(exchange, 200, "application/json", "{not json");
                case "empty" -> send(exchange, 200, "application/json", "");
                case "status" -> {
                    int code = Integer.parseInt(rest);
                    send(exchange, code, "application/json", code == 204 || code == 304 ? "" : "{\"code\": " + code + "}");
                }
                case "slow" -> {
                    sleep(Long.parseLong(rest));
                    send(exchange, 200, "application/json", "{\"slow\": true}");
                }
                case "redirect" -> {
                    exchange.getResponseHeaders().set("Location", "/" + (rest.isEmpty() ? "json" : rest));
                    send(exchange, 302, "text/plain", "");
                }
                case "method" -> send(exchange, 200, "text/plain", exchange.getRequestMethod());
                case "query" -> send(exchange, 200, "text/plain", String.valueOf(exchange.getRequestURI().getRawQuery()));
                case "body" -> send(exchange, 200, "text/plain", body);
                case "content-type" -> send(exchange, 200, "text/plain",
                        String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
                case "header" -> send(exchange, 200, "text/plain",
                        String.valueOf(exchange.getRequestHeaders().getFirst(rest)));
                case "set-header" -> {
                    exchange.getResponseHeaders().set("X-Compat", "yes");
                    send(exchange, 200, "text/plain", "ok");
                }
                default -> send(exchange, 404, "text/plain", "not found");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        try {
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the client gave up (a timeout case); nothing to answer
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
