package dev.chaosaction.function.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.function.FunctionConfig;
import dev.chaosaction.function.HarnessAccess;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.value.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}: its options, and the command itself as a process writing journals to an S3 endpoint. */
class ServeTest {
    @TempDir
    Path dir;

    @Test
    void optionsBecomeTheFunctionsEnvironment() {
        Serve.Options options = Serve.Options.parse(new String[] {"serve", "--port", "9002", "--s3-endpoint",
                "http://127.0.0.1:9000", "--bucket", "b", "--prefix", "p/", "--timeout", "60"}, Map.of("HOME", "/h"));

        assertEquals(9002, options.port());
        assertEquals(Duration.ofSeconds(60), options.timeout());
        assertEquals(Map.of("HOME", "/h", FunctionConfig.S3_ENDPOINT, "http://127.0.0.1:9000",
                FunctionConfig.JOURNAL_BUCKET, "b", FunctionConfig.JOURNAL_PREFIX, "p/"), options.env());
    }

    @Test
    void withoutABucketOrADirectoryJournalsGoToJournalsHere() {
        Serve.Options options = Serve.Options.parse(new String[] {"serve"}, Map.of());

        assertEquals(9001, options.port());
        assertEquals(Duration.ofSeconds(900), options.timeout());
        assertEquals(Map.of(FunctionConfig.JOURNAL_DIR, "journals"), options.env());
    }

    @Test
    void mistakesAreUsageErrors() {
        assertEquals(Serve.USAGE, assertThrows(IllegalArgumentException.class,
                () -> Serve.Options.parse(new String[] {"run"}, Map.of())).getMessage());
        assertEquals("--port needs a number, not 'x'\n" + Serve.USAGE, assertThrows(IllegalArgumentException.class,
                () -> Serve.Options.parse(new String[] {"serve", "--port", "x"}, Map.of())).getMessage());
        assertEquals("unknown option --verbose\n" + Serve.USAGE, assertThrows(IllegalArgumentException.class,
                () -> Serve.Options.parse(new String[] {"serve", "--verbose", "1"}, Map.of())).getMessage());
        assertEquals("--bucket needs a value\n" + Serve.USAGE, assertThrows(IllegalArgumentException.class,
                () -> Serve.Options.parse(new String[] {"serve", "--bucket"}, Map.of())).getMessage());
        assertEquals("give --journal-dir or --bucket, not both\n" + Serve.USAGE, assertThrows(
                IllegalArgumentException.class, () -> Serve.Options.parse(new String[] {"serve", "--journal-dir", "d",
                        "--bucket", "b"}, Map.of())).getMessage());
    }

    @Test
    @Timeout(120)
    void theServeCommandRunsInvocationsAndStoresJournalsAtAnS3Endpoint() throws Exception {
        try (S3TestServer s3 = new S3TestServer().bucket("local-journals");
             LocalServer app = new LocalServer().reply("/health", Reply.json(200, "{}"))) {
            var credentials = S3TestServer.CREDENTIALS.resolveCredentials();
            ProcessBuilder serve = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "-cp", System.getProperty("java.class.path"), Serve.class.getName(), "serve", "--port", "0",
                    "--s3-endpoint", s3.endpoint().toString(), "--bucket", "local-journals");
            serve.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", credentials.accessKeyId(),
                    "AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey(), "AWS_REGION", "us-east-1",
                    "AWS_CONFIG_FILE", dir.resolve("none").toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString()));
            serve.redirectOutput(dir.resolve("serve.log").toFile());
            Process process = serve.start();
            try {
                String[] listening = listeningOn(process);
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(listening[0] + "/2015-03-31/functions/chaos/invocations"))
                        .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + listening[1] + "/20260101/"
                                + "us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=00")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"experiment\": "
                                + HarnessAccess.probeOnly(app.url("/health")) + ", \"runId\": \"served-1\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());

                Map<?, ?> result = (Map<?, ?>) Json.parse(response.body());
                assertEquals("completed", result.get("status"), response.body());
                String key = ((String) result.get("journal")).substring("s3://local-journals/".length());
                assertTrue(key.startsWith("journals/") && key.endsWith("/checkout-stays-up/served-1.json"), key);
                assertEquals("served-1", ((Map<?, ?>) ((Map<?, ?>) Json.parse(s3.read("local-journals", key)))
                        .get("chaos-action")).get("run_id"));
            } finally {
                process.destroy();
                process.waitFor();
            }
        }
    }

    /** The URL and the token the command prints once it listens. */
    private static String[] listeningOn(Process process) throws Exception {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String url = null;
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            if (line.startsWith("Lambda Invoke API on ")) url = line.split(" ")[4];
            if (line.startsWith("Token: ") && url != null) return new String[] {url, line.split(" ")[1]};
        }
        throw new AssertionError("serve ended without listening, exit " + process.waitFor());
    }

    private Process serve(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), Serve.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).start();
    }

    @Test
    void helpPrintsTheUsage() throws Exception {
        Process process = serve("serve", "--help");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor());
        assertEquals(Serve.USAGE + "\n", out);
    }

    @Test
    void aPortInUseIsOneLineNoStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process process = serve("serve", "--port", String.valueOf(taken.getLocalPort()));
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(1, process.waitFor(), err);
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.startsWith("error: cannot listen on 127.0.0.1:" + taken.getLocalPort()), err);
        }
    }
}
