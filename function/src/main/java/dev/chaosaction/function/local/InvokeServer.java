package dev.chaosaction.function.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.chaosaction.value.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The Lambda Invoke API on 127.0.0.1 in front of a handler, so that {@code aws lambda invoke --endpoint-url}
 * and the SDKs work without AWS: {@code POST /2015-03-31/functions/{name}/invocations} with the payload as the
 * body. Answers as Lambda does: 200 with the handler's output (an error raised by the handler comes back as
 * {@code {errorMessage, errorType}} with {@code X-Amz-Function-Error: Unhandled}); 202 for
 * {@code X-Amz-Invocation-Type: Event}, which runs in the background; 204 for {@code DryRun}. Signatures are
 * not checked.
 */
public final class InvokeServer implements AutoCloseable {
    static final String PREFIX = "/2015-03-31/functions/";
    private static final String SUFFIX = "/invocations";

    private record Outcome(String requestId, byte[] body, String functionError) {}

    private final HttpServer server;
    private final ExecutorService invocations = Executors.newCachedThreadPool();
    private final RequestStreamHandler handler;
    private final Duration timeout;
    private final Consumer<String> log;

    /**
     * @param port    the port on 127.0.0.1 (0: any free one)
     * @param timeout the function timeout each invocation's context counts down from
     * @param log     where the function's log lines go
     */
    public InvokeServer(RequestStreamHandler handler, int port, Duration timeout, Consumer<String> log)
            throws IOException {
        this.handler = handler;
        this.timeout = timeout;
        this.log = log;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(invocations);
        server.createContext("/", this::exchange);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)
                    || path.length() <= PREFIX.length() + SUFFIX.length()) {
                refuse(exchange, 404, "ResourceNotFoundException", "no such operation: "
                        + exchange.getRequestMethod() + " " + path);
                return;
            }
            String name = URLDecoder.decode(path.substring(PREFIX.length(), path.length() - SUFFIX.length()),
                    StandardCharsets.UTF_8);
            byte[] payload = exchange.getRequestBody().readAllBytes();
            String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
            switch (type == null ? "RequestResponse" : type) {
                case "RequestResponse" -> answer(exchange, invoke(name, payload));
                case "Event" -> {
                    invocations.submit(() -> invoke(name, payload));
                    exchange.sendResponseHeaders(202, -1);
                }
                case "DryRun" -> exchange.sendResponseHeaders(204, -1);
                default -> refuse(exchange, 400, "InvalidParameterValueException",
                        "unknown invocation type '" + type + "'");
            }
        }
    }

    private Outcome invoke(String name, byte[] payload) {
        String requestId = UUID.randomUUID().toString();
        LocalContext context = new LocalContext(requestId, name, timeout, log);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload), out, context);
            return new Outcome(requestId, out.toByteArray(), null);
        } catch (IOException | RuntimeException e) {
            Map<String, String> error = Map.of("errorMessage", String.valueOf(e.getMessage()),
                    "errorType", e.getClass().getName());
            // Lambda logs what a function raises; an Event invocation has no other witness.
            log.accept(Json.write(Map.of("level", "ERROR", "event", "unhandled", "requestId", requestId, "error", error)));
            return new Outcome(requestId, Json.write(error).getBytes(StandardCharsets.UTF_8), "Unhandled");
        }
    }

    private static void answer(HttpExchange exchange, Outcome outcome) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("X-Amz-Executed-Version", "$LATEST");
        headers.set("x-amzn-RequestId", outcome.requestId());
        if (outcome.functionError() != null) headers.set("X-Amz-Function-Error", outcome.functionError());
        send(exchange, 200, outcome.body());
    }

    /** An error of the Invoke API itself (not of the function), shaped as AWS shapes them. */
    private static void refuse(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        send(exchange, status, Json.write(Map.of("Type", "User", "message", message))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        invocations.shutdownNow();
    }
}
