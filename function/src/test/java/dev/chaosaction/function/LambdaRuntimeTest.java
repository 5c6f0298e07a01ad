package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.testing.MotoServer;
import dev.chaosaction.testing.Peers;
import dev.chaosaction.value.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The handler's contract under the real Lambda runtime ({@link LambdaRuntime}: the Runtime Interface Client under
 * the Runtime Interface Emulator), invoked with {@code aws lambda invoke --endpoint-url} and over plain HTTP, its
 * journals in moto's S3: the payload shapes, the deadline the function timeout implies, the runtime's error
 * answer, and SnapStart's priming hook.
 */
@Timeout(180)
class LambdaRuntimeTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static S3Client s3;
    private static LocalServer app;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        s3 = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        s3.createBucket(b -> b.bucket(Harness.BUCKET).createBucketConfiguration(c -> c.locationConstraint(MotoServer.REGION)));
        app = new LocalServer().reply("/health", Reply.json(200, "{}")).reply("/undo", Reply.json(200, "{}"));
    }

    @AfterAll
    static void stop() {
        s3.close();
        app.close();
    }

    /** The variables template.yaml sets, moto's endpoint and credentials, and {@code more}. */
    private static Map<String, String> env(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(MOTO.environment());
        env.put(FunctionConfig.JOURNAL_BUCKET, Harness.BUCKET);
        env.put(FunctionConfig.KILL_SWITCH, "s3://" + Harness.BUCKET + "/chaos-kill-switch");
        env.put("AWS_LAMBDA_FUNCTION_TIMEOUT", "120");
        env.put(FunctionConfig.EGRESS_ALLOW, "127.0.0.1"); // the operator lets experiments reach the test's server
        env.putAll(more);
        return env;
    }

    private static LambdaRuntime runtime(Map<String, String> more) throws IOException {
        return new LambdaRuntime(env(more), List.of(), List.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return (Map<String, Object>) Json.parse(json);
    }

    private static Map<String, Object> journal(Map<String, Object> response) {
        String key = ((String) response.get("journal")).substring(("s3://" + Harness.BUCKET + "/").length());
        return parse(s3.getObjectAsBytes(b -> b.bucket(Harness.BUCKET).key(key)).asUtf8String());
    }

    /** {@code aws lambda invoke --endpoint-url}: the CLI's own output and the function's answer. */
    private Map<String, Object> cliInvoke(LambdaRuntime runtime, String payload, Path answer) throws Exception {
        Path input = Files.writeString(dir.resolve("payload-" + System.nanoTime() + ".json"), payload);
        ProcessBuilder builder = new ProcessBuilder(Peers.tool("aws").toString(), "lambda", "invoke",
                "--endpoint-url", runtime.endpoint().toString(), "--function-name", "function", // the only name the emulator serves
                "--payload", "fileb://" + input, answer.toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "cli", "AWS_SECRET_ACCESS_KEY", "cli",
                "AWS_DEFAULT_REGION", MotoServer.REGION));
        Process cli = builder.start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, cli.waitFor(), output);
        return parse(output);
    }

    @Test
    void everyPayloadShapeRunsUnderTheRuntimeAndItsJournalIsInS3() throws Exception {
        String experiment = Samples.probeOnly(app.url("/health"));
        s3.putObject(b -> b.bucket(Harness.BUCKET).key("experiments/rie.json"),
                software.amazon.awssdk.core.sync.RequestBody.fromString(experiment));
        try (LambdaRuntime runtime = runtime(Map.of())) {
            Path answer = dir.resolve("answer.json");
            Map<String, Object> cli = cliInvoke(runtime, Samples.request(experiment, "rie-request"), answer);
            Map<String, Object> request = parse(Files.readString(answer));
            Map<String, Object> bare = parse(runtime.invoke(experiment).body());
            Map<String, Object> fromS3 = parse(runtime.invoke(
                    "{\"experiment\": \"s3://journals/experiments/rie.json\", \"runId\": \"rie-s3\"}").body());
            Map<String, Object> eventBridge = parse(runtime.invoke("""
                    {"version": "0", "id": "e-1", "detail-type": "Scheduled Event", "source": "aws.events",
                     "time": "2024-05-07T10:00:00Z", "region": "eu-west-1",
                     "resources": ["arn:aws:events:eu-west-1:123456789012:rule/nightly"],
                     "detail": {"experiment": "s3://journals/experiments/rie.json"}}""").body());
            Map<String, Object> scheduler = parse(runtime.invoke("""
                    {"experiment": "s3://journals/experiments/rie.json",
                     "scheduleArn": "arn:aws:scheduler:eu-west-1:123456789012:schedule/default/nightly",
                     "scheduledTime": "2024-05-07T10:00:00Z"}""").body());

            assertEquals(200L, ((Number) cli.get("StatusCode")).longValue());
            assertFalse(cli.containsKey("FunctionError"), cli.toString());
            for (Map<String, Object> response : List.of(request, bare, fromS3, eventBridge, scheduler)) {
                assertEquals("completed", response.get("status"), response.toString());
                assertEquals("completed", journal(response).get("status"));
            }
            assertEquals("rie-request", request.get("runId"));
            assertEquals("rie-s3", fromS3.get("runId"));
            assertEquals(Request.safe("arn:aws:events:eu-west-1:123456789012:rule/nightly 2024-05-07T10:00:00Z"),
                    eventBridge.get("runId"));
            assertEquals(Request.safe("arn:aws:scheduler:eu-west-1:123456789012:schedule/default/nightly"
                    + " 2024-05-07T10:00:00Z"), scheduler.get("runId"));
        }
    }

    @Test
    void aPauseLongerThanTheFunctionTimeoutIsInterruptedRolledBackAndJournaled() throws Exception {
        String payload = """
                {"runId": "rie-slow", "settings": {"rollbackStrategy": "always"}, "experiment":
                 {"title": "Slow", "description": "a pause longer than the invocation",
                  "method": [{"type": "probe", "name": "wait", "pauses": {"after": 600},
                              "provider": {"type": "http", "url": "%s"}}],
                  "rollbacks": [{"type": "action", "name": "undo", "provider": {"type": "http", "url": "%s"}}]}}"""
                .formatted(app.url("/health"), app.url("/undo"));
        int undone = app.calls("/undo");
        // 20 s: the method is interrupted 4 s before the journal's last 2 s (Budget).
        try (LambdaRuntime runtime = runtime(Map.of("AWS_LAMBDA_FUNCTION_TIMEOUT", "20"))) {
            Map<String, Object> response = parse(runtime.invoke(payload).body());

            assertEquals("interrupted", response.get("status"), response + "\n" + runtime.log());
            assertEquals(1, app.calls("/undo") - undone);
            Map<String, Object> journal = journal(response);
            assertEquals("interrupted", journal.get("status"));
            Map<?, ?> ours = (Map<?, ?>) journal.get("chaos-action");
            assertEquals("deadline reached", ours.get("reason"), ours::toString);
            assertEquals("interrupted", ours.get("verdict"), ours::toString);
        }
    }

    /**
     * The handler cannot be made (no journal bucket): the RIC reports an init error, and the emulator answers
     * the invocation with it, as HTTP 502 (Lambda itself answers 200 with {@code X-Amz-Function-Error}).
     */
    @Test
    void aFunctionThatCannotStartGetsTheRuntimesErrorAnswer() throws Exception {
        Map<String, String> unset = new HashMap<>(env(Map.of()));
        unset.remove(FunctionConfig.JOURNAL_BUCKET);
        try (LambdaRuntime runtime = new LambdaRuntime(unset, List.of(), List.of())) {
            var response = runtime.invoke("{}");
            Map<String, Object> error = parse(response.body());

            assertEquals(502, response.statusCode(), response.body());
            assertEquals("java.lang.IllegalStateException", error.get("errorType"), error.toString());
            assertTrue(((String) error.get("errorMessage")).contains("JOURNAL_BUCKET is not set"), error.toString());
        }
    }

    @Test
    void aPayloadThatIsNotAnExperimentIsAnsweredWithItsProblems() throws Exception {
        try (LambdaRuntime runtime = runtime(Map.of())) {
            Map<String, Object> response = parse(runtime.invoke("[1, 2]").body());

            assertEquals(Map.of("status", "invalid", "errors", List.of(Map.of("path", "",
                    "message", "the payload must be a JSON object, not list"))), response);
        }
    }

    /**
     * With {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} the RIC runs the CRaC hooks registered through
     * org.crac (ours: {@link Priming}) after loading the handler and before it asks the Runtime API to be
     * restored ({@code /runtime/restore/next}, which the emulator serves with {@code --enable-init-caching}).
     * The emulator never restores: its Invoke path only initialises and invokes, so the invocation that started
     * the init waits for the function timeout. What is checked: the priming ran inside the runtime's init (it
     * alone loads {@link S3Priming}), and finished, since the runtime went on to ask for the restore (the init is
     * done). On demand, it does not run.
     */
    @Test
    void underSnapStartThePrimingHookRunsBeforeTheRuntimeAsksToBeRestored() throws Exception {
        Path snapStartClasses = dir.resolve("snap-start-classes.log");
        Path onDemandClasses = dir.resolve("on-demand-classes.log");
        try (LambdaRuntime runtime = new LambdaRuntime(
                env(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start", "AWS_LAMBDA_FUNCTION_TIMEOUT", "900")),
                List.of("-Xlog:class+load=info:file=" + snapStartClasses), List.of("--enable-init-caching"))) {
            var invocation = runtime.invokeAsync(Samples.probeOnly(app.url("/health")));
            String log = runtime.awaitLog("INIT RTDONE(");

            assertTrue(log.contains("INIT START(type: snap-start, phase: init)"), log);
            assertTrue(log.contains("INIT RTDONE(status: success)"), log);
            assertFalse(invocation.isDone(), "the runtime waits to be restored");
            assertTrue(Files.readString(snapStartClasses).contains("dev.chaosaction.function.S3Priming "));
        }
        try (LambdaRuntime runtime = new LambdaRuntime(env(Map.of()),
                List.of("-Xlog:class+load=info:file=" + onDemandClasses), List.of())) {
            assertEquals("completed", parse(runtime.invoke(Samples.probeOnly(app.url("/health"))).body()).get("status"));
            assertFalse(Files.readString(onDemandClasses).contains("dev.chaosaction.function.S3Priming "));
        }
    }
}
