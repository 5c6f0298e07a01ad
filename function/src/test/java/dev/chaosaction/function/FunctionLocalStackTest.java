package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.testing.TestFunctions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/** The handler's S3 path (experiment reference, lock, journal, duplicate) on LocalStack; skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class FunctionLocalStackTest {
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer("localstack/localstack:4.4").withServices("s3");

    private static S3Client s3;
    private static ChaosHandler handler;

    @BeforeAll
    static void setUp() {
        FunctionConfig config = FunctionConfig.fromEnv(Map.of(FunctionConfig.JOURNAL_BUCKET, Harness.BUCKET,
                FunctionConfig.S3_ENDPOINT, LOCALSTACK.getEndpoint().toString(),
                FunctionConfig.REGION, LOCALSTACK.getRegion()));
        s3 = config.s3(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()))).build();
        s3.createBucket(b -> b.bucket(Harness.BUCKET));
        handler = new ChaosHandler(new ChaosFunction(config, List.of(TestFunctions.factory()), () -> s3));
    }

    @AfterAll
    static void close() {
        if (s3 != null) s3.close();
    }

    @Test
    void aReferencedExperimentRunsOnceAndItsJournalIsStored() {
        try (LocalServer app = new LocalServer().reply("/health", Reply.json(200, "{}"))) {
            s3.putObject(b -> b.bucket(Harness.BUCKET).key("experiments/ls.json"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString(Samples.probeOnly(app.url("/health"))));
            Harness function = Harness.with(handler);
            String payload = "{\"experiment\": \"s3://journals/experiments/ls.json\", \"runId\": \"ls-1\"}";

            Map<String, Object> first = function.invoke(payload);
            Map<String, Object> again = function.invoke(payload);

            assertEquals("completed", first.get("status"));
            assertEquals(first, again);
            assertEquals(3, app.calls("/health"));
            String key = ((String) first.get("journal")).substring("s3://journals/".length());
            assertEquals(true, s3.getObjectAsBytes(b -> b.bucket(Harness.BUCKET).key(key)).asUtf8String()
                    .contains("\"run_id\": \"ls-1\""));
        }
    }
}
