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
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Invoke API on 127.0.0.1 in front of a handler, so that {@code aws lambda invoke --endpoint-url}
 * and the SDKs work without AWS: {@code POST /2015-03-31/functions/{name}/invocations} with the payload as the
 * body. Answers as Lambda does: 200 with the handler's output (an error raised by the handler comes back as
 * {@code {errorMessage, errorType}} with {@code X-Amz-Function-Error: Unhandled}); 202 for
 * {@code X-Amz-Invocation-Type: Event}, which runs in the background; 204 for {@code DryRun}.
 * <p>
 * Anything on the machine can reach 127.0.0.1, a web page included, so a request runs only when it carries the
 * server's token (printed at start) as the access key id of its SigV4 {@code Authorization} header, which is
 * what the AWS CLI and SDKs send once {@code AWS_ACCESS_KEY_ID} is the token (the signature itself is not
 * checked: the token is the secret). A request with an {@code Origin} header (a browser's) is refused whatever
 * it carries, and so is one whose {@code Host} is not 127.0.0.1 or localhost at this port (a DNS-rebinding page
 * names its own host).
 */
public final class InvokeServer implements AutoCloseable {
    static final String PREFIX = "/2015-03-31/functions/";
    private static final String SUFFIX = "/invocations";
    /** The access key id in a SigV4 Authorization header: {@code Credential=AKID/date/region/service/...}. */
    private static final Pattern CREDENTIAL = Pattern.compile("^AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/");

    private record Outcome(String requestId, byte[] body, String functionError) {}

    private final HttpServer server;
    private final ExecutorService invocations = Executors.newCachedThreadPool();
    private final RequestStreamHandler handler;
    private final Duration timeout;
    private final Consumer<String> log;
    private final byte[] token;

    /**
     * @param port    the port on 127.0.0.1 (0: any free one)
     * @param timeout the function timeout each invocation's context counts down from
     * @param log     where the function's log lines go
     * @param token   what a request must carry as its access key id ({@link #newToken()})
     */
    public InvokeServer(RequestStreamHandler handler, int port, Duration timeout, Consumer<String> log, String token)
            throws IOException {
        this.handler = handler;
        this.timeout = timeout;
        this.log = log;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(invocations);
        server.createContext("/", this::exchange);
        server.start();
    }

    /** A fresh random token: 32 upper-case hex digits, a shape an access key id may take. */
    public static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!admitted(exchange)) return;
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

    /** Refuses (and answers) a browser's request, a foreign Host, or a request without the token. */
    private boolean admitted(HttpExchange exchange) throws IOException {
        var headers = exchange.getRequestHeaders();
        if (headers.containsKey("Origin")) {
            refuse(exchange, 403, "AccessDeniedException",
                    "requests from a web page (with an Origin header) are refused");
            return false;
        }
        String host = headers.getFirst("Host");
        List<String> local = List.of("127.0.0.1:" + port(), "localhost:" + port());
        if (host == null || !local.contains(host.toLowerCase(Locale.ROOT))) {
            refuse(exchange, 403, "AccessDeniedException", "the Host header must be 127.0.0.1:" + port()
                    + " or localhost:" + port());
            return false;
        }
        Matcher credential = CREDENTIAL.matcher(String.valueOf(headers.getFirst("Authorization")));
        if (!credential.find() || !MessageDigest.isEqual(token, credential.group(1).getBytes(StandardCharsets.UTF_8))) {
            refuse(exchange, 403, "UnrecognizedClientException", "the access key id must be the token serve printed"
                    + " at start (export AWS_ACCESS_KEY_ID=<token>)");
            return false;
        }
        return true;
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
