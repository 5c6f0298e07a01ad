package dev.chaosaction.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.chaosaction.experiment.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HttpProviderTest {
    /** What the server received last. */
    record Seen(String method, String query, Map<String, String> headers, String body) {}

    private static HttpServer server;
    private static ExecutorService executor;
    private static String base;
    private static final AtomicReference<Seen> seen = new AtomicReference<>();
    private static final CountDownLatch releaseSlow = new CountDownLatch(1);
    private static volatile CountDownLatch slowArrived = new CountDownLatch(1);

    private final HttpProvider http = new HttpProvider();

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/echo", exchange -> respond(exchange, 200, "text/plain", "ok"));
        // /respond?status=404&type=application/json&body=... answers what the query asks for.
        server.createContext("/respond", exchange -> {
            Map<String, String> q = query(exchange.getRequestURI());
            respond(exchange, Integer.parseInt(q.getOrDefault("status", "200")), q.get("type"), q.get("body"));
        });
        server.createContext("/slow", exchange -> {
            slowArrived.countDown();
            try {
                releaseSlow.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "text/plain", "late");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopServer() {
        releaseSlow.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    @BeforeEach
    void forget() {
        seen.set(null);
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        seen.set(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawQuery(), headers,
                new String(request, StandardCharsets.UTF_8)));
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (type != null) exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("X-Twice", "one");
        exchange.getResponseHeaders().add("X-Twice", "two");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) return q;
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
        return q;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> provider(Object... keyValues) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "http");
        for (int i = 0; i < keyValues.length; i += 2) p.put((String) keyValues[i], keyValues[i + 1]);
        return p;
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        return m;
    }

    private static String respondUrl(int status, String type, String body) {
        return base + "/respond?status=" + status + (type == null ? "" : "&type=" + enc(type)) + "&body=" + enc(body);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // --- validation ---

    @Test
    void validationAsksForAUrlAndMappedHeaders() {
        assertEquals(List.of(
                        new Problem("/method/0/provider/url", "a HTTP activity must have a URL"),
                        new Problem("/method/0/provider/headers", "a HTTP activities expect headers as a mapping")),
                HttpProvider.validate(provider("url", "", "headers", List.of("a")), "/method/0/provider", "probe"));
        assertEquals(List.of(), HttpProvider.validate(
                provider("url", base, "headers", map("A", "b")), "/method/0/provider", "probe"));
        // Falsy headers are fine, as in Chaos Toolkit.
        assertEquals(List.of(), HttpProvider.validate(provider("url", base, "headers", ""), "/p", "probe"));
    }

    // --- requests ---

    @Test
    void getSendsArgumentsAsTheQueryString() throws Exception {
        Map<String, Object> out = http.call(provider("url", base + "/echo?x=0", "arguments",
                map("a", "b c+d", "flag", true, "n", 1.5, "many", Arrays.asList(1, null, 2), "skip", null)),
                new CancelToken());
        assertEquals(200L, out.get("status"));
        assertEquals("GET", seen.get().method());
        assertEquals(Map.of("x", "0", "a", "b c+d", "flag", "True", "n", "1.5", "many", "2"),
                query(URI.create("/?" + seen.get().query())));
        assertEquals("x=0&a=b%20c%2Bd&flag=True&n=1.5&many=1&many=2", seen.get().query());
    }

    @Test
    void methodIsUpperCasedAndHeadersAreSent() throws Exception {
        http.call(provider("url", base + "/echo", "method", "delete",
                "headers", map("X-Token", "abc", "X-Number", 3L, "X-None", null)), new CancelToken());
        Seen request = seen.get();
        assertEquals("DELETE", request.method());
        assertEquals("abc", request.headers().get("x-token"));
        assertEquals("3", request.headers().get("x-number"));
        assertNull(request.headers().get("x-none"));
    }

    @Test
    void postSendsJsonOnlyForTheExactJsonContentType() throws Exception {
        http.call(provider("url", base + "/echo", "method", "POST",
                "headers", map("Content-Type", "application/json"),
                "arguments", map("a", 1L, "b", List.of(true, "x"))), new CancelToken());
        assertEquals("{\"a\":1,\"b\":[true,\"x\"]}", seen.get().body());
        assertEquals("application/json", seen.get().headers().get("content-type"));
    }

    @Test
    void postSendsAFormOtherwise() throws Exception {
        http.call(provider("url", base + "/echo", "method", "post",
                "arguments", map("a", "x y", "b", false, "c", List.of(1L, 2L))), new CancelToken());
        assertEquals("POST", seen.get().method());
        assertEquals("a=x+y&b=False&c=1&c=2", seen.get().body());
        assertEquals("application/x-www-form-urlencoded", seen.get().headers().get("content-type"));
    }

    @Test
    void aFormKeepsTheCallersContentType() throws Exception {
        // requests only sends JSON for the exact key "Content-Type"; any other spelling means a form.
        http.call(provider("url", base + "/echo", "method", "PUT",
                "headers", map("content-type", "application/json"), "arguments", map("a", "1")), new CancelToken());
        assertEquals("a=1", seen.get().body());
        assertEquals("application/json", seen.get().headers().get("content-type"));
    }

    @Test
    void postWithoutArgumentsSendsAnEmptyBody() throws Exception {
        http.call(provider("url", base + "/echo", "method", "POST"), new CancelToken());
        assertEquals("", seen.get().body());
        assertEquals("0", seen.get().headers().get("content-length"));
        assertNull(seen.get().headers().get("content-type"));
    }

    // --- responses ---

    @Test
    void exactJsonContentTypeIsParsed() throws Exception {
        Map<String, Object> out = http.call(
                provider("url", respondUrl(200, "application/json", "{\"a\": [1, 2.5, null]}")), new CancelToken());
        assertEquals(map("a", Arrays.asList(1L, 2.5, null)), out.get("body"));
    }

    @Test
    void jsonWithACharsetStaysText() throws Exception {
        Map<String, Object> out = http.call(
                provider("url", respondUrl(200, "application/json; charset=utf-8", "{\"a\": 1}")), new CancelToken());
        assertEquals("{\"a\": 1}", out.get("body"));
    }

    @Test
    void plainTextAndBrokenJsonStayText() throws Exception {
        assertEquals("hello", http.call(provider("url", respondUrl(200, "text/plain", "hello")),
                new CancelToken()).get("body"));
        assertEquals("{not json", http.call(provider("url", respondUrl(200, "application/json", "{not json")),
                new CancelToken()).get("body"));
    }

    @Test
    void errorStatusesAreOutputsWithTheirHeaders() throws Exception {
        Map<String, Object> notFound = http.call(provider("url", respondUrl(404, "text/plain", "nope")),
                new CancelToken());
        assertEquals(404L, notFound.get("status"));
        assertEquals("nope", notFound.get("body"));
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) notFound.get("headers");
        assertEquals("one, two", headers.get("X-twice"));
        assertEquals("text/plain", headers.get("Content-type"));
        assertEquals(500L, http.call(provider("url", respondUrl(500, null, "boom")), new CancelToken()).get("status"));
    }

    // --- failures ---

    @Test
    void aSlowServerTimesOut() {
        ActivityFailed failed = assertThrows(ActivityFailed.class,
                () -> http.call(provider("url", base + "/slow", "timeout", 0.3), new CancelToken()));
        assertEquals("activity took too long to complete", failed.getMessage());
        ActivityFailed pair = assertThrows(ActivityFailed.class,
                () -> http.call(provider("url", base + "/slow", "timeout", List.of(5L, 0.3)), new CancelToken()));
        assertEquals("activity took too long to complete", pair.getMessage());
    }

    @Test
    void aBadTimeoutFailsTheActivity() {
        ActivityFailed failed = assertThrows(ActivityFailed.class,
                () -> http.call(provider("url", base + "/echo", "timeout", "5"), new CancelToken()));
        assertEquals("the HTTP timeout must be a positive number of seconds or a [connect, read] pair of them,"
                + " not '5'", failed.getMessage());
    }

    @Test
    void aRefusedConnectionFailsWithTheUrl() throws Exception {
        int port = closedPort();
        ActivityFailed failed = assertThrows(ActivityFailed.class,
                () -> http.call(provider("url", "http://127.0.0.1:" + port + "/health"), new CancelToken()));
        assertTrue(failed.getMessage().startsWith("failed to connect to http://127.0.0.1:" + port + "/health: "
                + "ConnectException: "), failed.getMessage());
    }

    @Test
    void maxRetriesTriesTheConnectionAgain() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        OkHttpClient counting = new OkHttpClient.Builder().eventListener(new EventListener() {
            @Override
            public void connectFailed(Call call, InetSocketAddress address, java.net.Proxy proxy, Protocol protocol,
                                      IOException e) {
                failures.incrementAndGet();
            }
        }).build();
        String url = "http://127.0.0.1:" + closedPort() + "/";
        assertThrows(ActivityFailed.class,
                () -> new HttpProvider(counting).call(provider("url", url, "max_retries", 2L), new CancelToken()));
        assertEquals(3, failures.get());
    }

    @Test
    void noContentIsAnEmptyBodyEvenAnnouncedAsJson() throws Exception {
        Map<String, Object> out = http.call(provider("url", base + "/respond?status=204&type=application/json"),
                new CancelToken());
        assertEquals(204L, out.get("status"));
        assertEquals("", out.get("body"));
    }

    /** OkHttp alone throws ProtocolException here; requests reads the answer as empty, so the probe passes. */
    @Test
    void noContentWhoseHeadersAnnounceABodyIsStillTheAnswer() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (var client = socket.accept()) {
                    client.getInputStream().read(new byte[4096]);
                    client.getOutputStream().write(("HTTP/1.1 204 No Content\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 2\r\nX-Request-Id: r1\r\nConnection: close\r\n\r\n{}")
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the test fails on the client side
                }
            });
            Map<String, Object> out = http.call(provider("url", "http://127.0.0.1:" + socket.getLocalPort() + "/"),
                    new CancelToken());
            assertEquals(204L, out.get("status"));
            assertEquals("", out.get("body"));
            assertEquals("r1", ((Map<?, ?>) out.get("headers")).get("X-Request-Id"));
            assertTrue(dev.chaosaction.tolerance.Tolerances.within(List.of(200L, 204L), out, (p, v) -> false));
        }
    }

    @Test
    void aBadUrlAbortsTheRunAsInChaosToolkit() {
        FatalActivityError failed = assertThrows(FatalActivityError.class,
                () -> http.call(provider("url", "ftp://example/x"), new CancelToken()));
        assertEquals("Invalid URL 'ftp://example/x': Expected URL scheme 'http' or 'https' but was 'ftp'",
                failed.getMessage());
        FatalActivityError noScheme = assertThrows(FatalActivityError.class,
                () -> http.call(provider("url", "ml-service/api/health"), new CancelToken()));
        assertEquals("Invalid URL 'ml-service/api/health': No scheme supplied. Perhaps you meant"
                + " https://ml-service/api/health?", noScheme.getMessage());
    }

    // --- cancellation ---

    @Test
    void cancellingStopsTheRequest() throws Exception {
        slowArrived = new CountDownLatch(1);
        CancelToken cancel = new CancelToken();
        Thread canceller = Thread.ofPlatform().start(() -> {
            try {
                slowArrived.await();
                cancel.cancel("deadline reached");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        RunInterrupted interrupted = assertThrows(RunInterrupted.class,
                () -> http.call(provider("url", base + "/slow"), cancel));
        assertEquals("deadline reached", interrupted.getMessage());
        canceller.join();
    }

    @Test
    void aCancelledTokenSendsNothing() {
        CancelToken cancel = new CancelToken();
        cancel.cancel("stop");
        assertThrows(RunInterrupted.class, () -> http.call(provider("url", base + "/echo"), cancel));
        assertNull(seen.get());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
