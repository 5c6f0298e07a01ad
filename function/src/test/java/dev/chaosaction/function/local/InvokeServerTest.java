package dev.chaosaction.function.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chaosaction.function.HarnessAccess;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.value.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The local Lambda Invoke endpoint over real HTTP, and with the real AWS CLI when it is installed. */
@Timeout(60)
class InvokeServerTest {
    private static final String INVOKE = "/2015-03-31/functions/chaos/invocations";

    @TempDir
    Path dir;

    private final LocalServer app = new LocalServer().reply("/health", Reply.json(200, "{\"status\": \"UP\"}"));
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final String token = InvokeServer.newToken();
    private InvokeServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
        app.close();
    }

    private InvokeServer start(Path journals) throws IOException {
        server = new InvokeServer(HarnessAccess.directoryHandler(journals), 0, Duration.ofMinutes(15), log::add,
                token);
        return server;
    }

    private HttpResponse<String> post(String path, String body, String invocationType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", sigV4(token))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (invocationType != null) request.header("X-Amz-Invocation-Type", invocationType);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An Authorization header as the AWS CLI sends it (the signature is not checked). */
    private static String sigV4(String accessKeyId) {
        return "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/20260101/us-east-1/lambda/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=0123456789abcdef";
    }

    /** A request with headers the JDK's client will not set (Host), through OkHttp. */
    private int postWith(Map<String, String> headers) throws IOException {
        Request.Builder request = new Request.Builder().url(server.url() + INVOKE)
                .post(RequestBody.create(experiment(), MediaType.get("application/json")));
        headers.forEach(request::header);
        try (Response response = new OkHttpClient().newCall(request.build()).execute()) {
            return response.code();
        }
    }

    private String experiment() {
        return HarnessAccess.probeOnly(app.url("/health"));
    }

    @Test
    void theAnswerAndTheMetricsCarryTheVerdict() throws Exception {
        start(dir.resolve("journals"));
        String withAction = experiment().replace("{\"type\": \"probe\", \"name\": \"look\"",
                "{\"type\": \"action\", \"name\": \"poke\"");

        Map<?, ?> probesOnly = (Map<?, ?>) Json.parse(post(INVOKE, experiment(), null).body());
        Map<?, ?> injected = (Map<?, ?>) Json.parse(post(INVOKE, withAction, null).body());

        assertEquals("completed", probesOnly.get("status"));
        assertEquals("not-injected", probesOnly.get("verdict"), probesOnly.toString());
        assertEquals("the method ran no action, so no fault was injected", probesOnly.get("verdictReason"));
        assertEquals("held", injected.get("verdict"), injected.toString());
        List<Map<?, ?>> metrics = log.stream().filter(l -> l.contains("\"_aws\""))
                .<Map<?, ?>>map(l -> (Map<?, ?>) Json.parse(l.substring(l.indexOf('{')))).toList();
        assertEquals(List.of("not-injected", "held"), metrics.stream().map(m -> m.get("Verdict")).toList(), log.toString());
        assertEquals(List.of(1, 0), metrics.stream().map(m -> ((Number) m.get("NotHeld")).intValue()).toList());
    }

    @Test
    void anInvocationRunsTheExperimentAndAnswersTheFunctionsResponse() throws Exception {
        start(dir.resolve("journals"));

        HttpResponse<String> response = post(INVOKE, "{\"experiment\": " + experiment() + ", \"runId\": \"local-1\"}", null);

        assertEquals(200, response.statusCode());
        assertEquals("$LATEST", response.headers().firstValue("X-Amz-Executed-Version").orElseThrow());
        Map<?, ?> result = (Map<?, ?>) Json.parse(response.body());
        assertEquals("completed", result.get("status"));
        Path journal = Path.of((String) result.get("journal"));
        assertTrue(journal.startsWith(dir.resolve("journals")) && journal.toString().endsWith("/checkout-stays-up/local-1.json"),
                journal.toString());
        assertEquals("local-1", ((Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(journal))).get("chaos-action")).get("run_id"));
        assertEquals(journal.resolveSibling("local-1.html").toString(), result.get("report"), "the page beside it");
        assertTrue(Files.readString(journal.resolveSibling("local-1.html")).startsWith("<!DOCTYPE html>"));
        assertEquals(3, app.calls("/health"));
    }

    @Test
    void anEventInvocationIsAcceptedAndRunsInTheBackground() throws Exception {
        start(dir);

        HttpResponse<String> response = post(INVOKE, "{\"experiment\": " + experiment() + ", \"runId\": \"async-1\"}", "Event");

        assertEquals(202, response.statusCode());
        Path lock = dir.resolve("runs/async-1.lock");
        while (!Files.exists(lock) || !Files.readString(lock).contains("\"completed\"")) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertEquals(3, app.calls("/health"));
    }

    @Test
    void aDryRunInvocationRunsNothing() throws Exception {
        start(dir);

        assertEquals(204, post(INVOKE, experiment(), "DryRun").statusCode());
        assertEquals(0, app.calls("/health"));
    }

    @Test
    void aWebPageCannotRunAnExperimentWhateverItSends() throws Exception {
        start(dir);

        assertEquals(403, postWith(Map.of("Origin", "http://evil.example", "Authorization", sigV4(token))));
        assertEquals(403, postWith(Map.of("Host", "rebound.evil.example:" + server.port(),
                "Authorization", sigV4(token))));
        assertEquals(403, postWith(Map.of()));
        assertEquals(403, postWith(Map.of("Authorization", sigV4(InvokeServer.newToken()))));
        assertEquals(403, postWith(Map.of("Authorization", "Bearer " + token)));
        assertEquals(0, app.calls("/health"));
        assertEquals(200, postWith(Map.of("Host", "localhost:" + server.port(), "Authorization", sigV4(token))));
        assertEquals(3, app.calls("/health"));
    }

    @Test
    void otherPathsAreNotTheInvokeApi() throws Exception {
        start(dir);

        HttpResponse<String> response = post("/2015-03-31/functions/chaos", "{}", null);

        assertEquals(404, response.statusCode());
        assertEquals("ResourceNotFoundException", response.headers().firstValue("x-amzn-ErrorType").orElseThrow());
    }

    @Test
    void aFunctionThatRaisesAnswersAsLambdaDoes() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        start(notADirectory);

        HttpResponse<String> response = post(INVOKE, experiment(), null);

        assertEquals(200, response.statusCode());
        assertEquals("Unhandled", response.headers().firstValue("X-Amz-Function-Error").orElseThrow());
        Map<?, ?> error = (Map<?, ?>) Json.parse(response.body());
        assertEquals("java.io.UncheckedIOException", error.get("errorType"));
        assertEquals("the run lock could not be taken, nothing ran", ((String) error.get("errorMessage")).split(": ")[0]);
        assertEquals(0, app.calls("/health"));
        Map<?, ?> logged = (Map<?, ?>) Json.parse(log.getLast());
        assertEquals(List.of("ERROR", "unhandled", error), List.of(logged.get("level"), logged.get("event"), logged.get("error")));
    }

    @Test
    void theAwsCliInvokesIt() throws Exception {
        assumeTrue(Stream.of(System.getenv("PATH").split(":")).anyMatch(p -> Files.isExecutable(Path.of(p, "aws"))),
                "the aws command line is not installed");
        start(dir.resolve("journals"));
        Path payload = Files.writeString(dir.resolve("payload.json"), experiment());
        Path out = dir.resolve("out.json");

        ProcessBuilder aws = new ProcessBuilder("aws", "lambda", "invoke", "--endpoint-url", server.url(),
                "--function-name", "chaos", "--payload", "fileb://" + payload, out.toString())
                .redirectErrorStream(true);
        aws.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", token, "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_DEFAULT_REGION", "us-east-1", "AWS_CONFIG_FILE", dir.resolve("none").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString()));
        Process process = aws.start();
        String printed = new String(process.getInputStream().readAllBytes());

        assertEquals(0, process.waitFor(), printed);
        assertEquals(Map.of("StatusCode", 200L, "ExecutedVersion", "$LATEST"), Json.parse(printed));
        assertEquals("completed", ((Map<?, ?>) Json.parse(Files.readString(out))).get("status"));
        assertEquals(3, app.calls("/health"));
    }
}
