package dev.chaosaction.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A real HTTP proxy on 127.0.0.1 in front of a real server (the sandbox's API server, s3proxy), which injects
 * the faults a test names into the requests it picks and forwards the others untouched. Headers go through as
 * sent, {@code Host} included, so signed requests (SigV4) still verify. Every request is recorded with what
 * the proxy did to it.
 */
public final class FaultProxy implements AutoCloseable {
    /** What the proxy does to a request it picked. */
    public sealed interface Fault {
        /** Answers itself; the server never sees the request. */
        record Answer(int status, Map<String, String> headers, String body) implements Fault {}

        /** Closes the connection without forwarding: the request never reaches the server. */
        record Refuse() implements Fault {}

        /** Forwards, lets the server act, then closes the connection unanswered: only the answer is lost. */
        record LoseAnswer() implements Fault {}

        /** Forwards, then sends the answer's headers and half its body before closing the connection. */
        record CutBody() implements Fault {}

        /** Holds the request unanswered until the proxy closes: the client times out. */
        record Hang() implements Fault {}

        /** Waits, then forwards: a slow server. */
        record Delay(Duration delay) implements Fault {}

        static Answer answer(int status) {
            return new Answer(status, Map.of(), "");
        }
    }

    /** A request the proxy received and what it did: a fault's simple class name, or {@code forwarded}. */
    public record Seen(String method, String path, String what) {}

    private record Rule(String method, Pattern path, AtomicInteger left, Fault fault) {}

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "expect", "te", "upgrade", "proxy-connection");

    private final URI target;
    private final HttpServer server;
    private final OkHttpClient upstream = new OkHttpClient.Builder()
            .retryOnConnectionFailure(false).followRedirects(false).followSslRedirects(false)
            .readTimeout(Duration.ofSeconds(60)).build();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    /** @param target the server's base URI, e.g. {@code http://127.0.0.1:8080} */
    public FaultProxy(URI target) {
        this.target = target;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("fault-proxy-", 0)
                .factory()));
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Injects {@code fault} into the next {@code times} requests whose method is {@code method} ({@code *} for
     * any) and whose path with query matches {@code path} somewhere. Rules apply in the order they were added.
     */
    public FaultProxy inject(String method, String path, int times, Fault fault) {
        rules.add(new Rule(method, Pattern.compile(path), new AtomicInteger(times), fault));
        return this;
    }

    /** Drops the faults still to come: from now on the server is reached as it is. */
    public void heal() {
        rules.clear();
    }

    /** The proxy's base URI, {@code http://127.0.0.1:PORT}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** The requests with this method whose path matches {@code path} somewhere. */
    public List<Seen> seen(String method, String path) {
        Pattern pattern = Pattern.compile(path);
        return seen.stream().filter(s -> s.method().equals(method) && pattern.matcher(s.path()).find()).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        byte[] body = exchange.getRequestBody().readAllBytes();
        Fault fault = faultFor(method, path);
        seen.add(new Seen(method, path, fault == null ? "forwarded" : fault.getClass().getSimpleName()));
        try (exchange) {
            switch (fault) {
                case Fault.Answer a -> answer(exchange, method, a.status(), a.headers(),
                        a.body().getBytes(StandardCharsets.UTF_8), false);
                case Fault.Refuse r -> { /* closing unanswered drops the connection */ }
                case Fault.Hang h -> await(closed, Duration.ofMinutes(5));
                case Fault.LoseAnswer l -> forward(exchange, method, path, body).close();
                case Fault.CutBody c -> relay(exchange, method, path, body, true);
                case Fault.Delay d -> {
                    await(closed, d.delay());
                    relay(exchange, method, path, body, false);
                }
                case null -> relay(exchange, method, path, body, false);
            }
        }
    }

    private Fault faultFor(String method, String path) {
        for (Rule rule : rules) {
            boolean matches = ("*".equals(rule.method()) || rule.method().equals(method))
                    && rule.path().matcher(path).find();
            if (matches && rule.left().getAndUpdate(n -> Math.max(0, n - 1)) > 0) return rule.fault();
        }
        return null;
    }

    private Response forward(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        Request.Builder request = new Request.Builder().url(target.resolve(path).toString());
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) values.forEach(v -> request.addHeader(name, v));
        });
        boolean bodyless = method.equals("GET") || method.equals("HEAD");
        // No media type: the client's own Content-Type header goes through as it was signed.
        request.method(method, bodyless && body.length == 0 ? null : RequestBody.create(body, null));
        return upstream.newCall(request.build()).execute();
    }

    private void relay(HttpExchange exchange, String method, String path, byte[] body, boolean cut)
            throws IOException {
        try (Response response = forward(exchange, method, path, body)) {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            response.headers().forEach(h -> {
                if (!HOP_BY_HOP.contains(h.getFirst().toLowerCase())) headers.put(h.getFirst(), h.getSecond());
            });
            answer(exchange, method, response.code(), headers, response.body().bytes(), cut);
        }
    }

    private static void answer(HttpExchange exchange, String method, int status, Map<String, String> headers,
                               byte[] body, boolean cut) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        boolean empty = body.length == 0 || method.equals("HEAD") || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (empty) return;
        // Half the promised bytes, then the connection closes: the client reads a premature end of stream.
        exchange.getResponseBody().write(body, 0, cut ? body.length / 2 : body.length);
        exchange.getResponseBody().flush();
    }

    private static void await(CountDownLatch latch, Duration duration) {
        try {
            latch.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        upstream.dispatcher().executorService().shutdown();
        upstream.connectionPool().evictAll();
    }
}
