package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.function.local.LocalContext;
import dev.chaosaction.journal.S3TestServer;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.value.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SnapStart priming hook with the Lambda set-up (the Kubernetes library, S3 storage): it walks the
 * invocation path without calling S3, any endpoint or the cluster, and the invocation after it runs as usual.
 */
@Timeout(60)
class PrimingTest {
    private static final S3TestServer S3 = new S3TestServer().bucket(Harness.BUCKET);

    @AfterAll
    static void stopS3() {
        S3.close();
    }

    @Test
    void primingCallsNothingOutsideTheProcessAndTheNextInvocationRuns() throws Exception {
        S3Calls calls = new S3Calls();
        AtomicInteger built = new AtomicInteger();
        S3Client s3 = S3.client(calls);
        // The probe's server is on loopback, which the operator allows here.
        FunctionConfig config = FunctionConfig.fromEnv(Map.of(FunctionConfig.JOURNAL_BUCKET, Harness.BUCKET,
                FunctionConfig.S3_ENDPOINT, S3.endpoint().toString(), FunctionConfig.EGRESS_ALLOW, "127.0.0.1"));
        ChaosFunction function = new ChaosFunction(config, ChaosFunction.libraries(config.policy().egress()), () -> {
            built.incrementAndGet();
            return s3;
        });
        ChaosHandler handler = new ChaosHandler(function);

        new Priming(function).beforeCheckpoint(null);
        assertEquals(1, built.get(), "the S3 client is built before the snapshot");
        assertEquals(List.of(), calls.calls, "and not called");

        try (LocalServer app = new LocalServer().reply("/health", Reply.json(200, "{\"status\": \"UP\"}"))) {
            List<String> lines = new CopyOnWriteArrayList<>();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(Samples.request(Samples.probeOnly(app.url("/health")),
                    "after-restore").getBytes(StandardCharsets.UTF_8)), out,
                    new LocalContext("request-1", "chaos", Duration.ofMinutes(5), lines::add));
            Map<?, ?> response = (Map<?, ?>) Json.parse(out.toString(StandardCharsets.UTF_8));
            assertEquals("completed", response.get("status"), lines::toString);
            assertEquals(3, app.calls("/health"), "the probes ran: before, in the method, after");
            assertTrue(calls.calls.stream().anyMatch(c -> c.key().endsWith("after-restore.json")), calls.calls::toString);
            assertTrue(lines.stream().noneMatch(l -> l.contains("priming")), "the priming run logged nothing");
        }
    }

    /** SnapStart with AllowedProviders=http (or python): the sample would be refused, and the snapshot with it. */
    @Test
    void aDeploymentThatRefusesTheSamplesProvidersIsStillPrimed() {
        AtomicInteger built = new AtomicInteger();
        S3Client s3 = S3.client();
        for (String allowed : List.of("http", "python", "process")) {
            FunctionConfig config = FunctionConfig.fromEnv(Map.of(FunctionConfig.JOURNAL_BUCKET, Harness.BUCKET,
                    FunctionConfig.S3_ENDPOINT, S3.endpoint().toString(), FunctionConfig.ALLOWED_PROVIDERS, allowed));
            ChaosFunction function = new ChaosFunction(config, ChaosFunction.libraries(config.policy().egress()), () -> {
                built.incrementAndGet();
                return s3;
            });

            new Priming(function).beforeCheckpoint(null);
        }
        assertEquals(3, built.get(), "each primed its S3 client");
    }
}
