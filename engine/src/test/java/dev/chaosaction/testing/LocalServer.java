package dev.chaosaction.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 for probes: each path answers what the test sets, counts its calls and
 * keeps the requests it saw. Paths not set answer 404.
 */
public final class LocalServer implements AutoCloseable {
    /** One canned answer. */
    public record Reply(int status, String contentType, String body, long delayMillis) {
        public static Reply json(int status, String body) {
            return new Reply(status, "application/json", body, 0);
        }

        public static Reply text(int status, String body) {
            return new Reply(status, "text/plain", body, 0);
        }

        public Reply delayed(long millis) {
            return new Reply(status, contentType, body, millis);
        }
    }

    /** What the server saw. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {}

    private final HttpServer server;
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> locations = new ConcurrentHashMap<>();

    public LocalServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public LocalServer reply(String path, Reply reply) {
        replies.put(path, reply);
        return this;
    }

    /** {@code path} answers {@code status} with {@code Location: location}. */
    public LocalServer redirect(String path, int status, String location) {
        locations.put(path, location);
        return reply(path, Reply.text(status, ""));
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public int calls(String path) {
        AtomicInteger n = calls.get(path);
        return n == null ? 0 : n.get();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Reply reply = replies.getOrDefault(path, Reply.text(404, "not found"));
        if (reply.delayMillis() > 0) {
            try {
                Thread.sleep(reply.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        if (locations.containsKey(path)) exchange.getResponseHeaders().set("Location", locations.get(path));
        try {
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // The client went away (a cancelled probe); nothing to answer.
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
