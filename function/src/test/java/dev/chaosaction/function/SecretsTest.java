package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.testing.Leaks.Source;
import dev.chaosaction.testing.Leaks;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.value.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The secret, however it reaches the function (the experiment's secrets, the function's environment, the
 * payload's configuration), shows nowhere the function writes: its log lines, its response, the stored
 * journal, nor the journal it logs when S3 refuses it.
 */
@Timeout(60)
class SecretsTest {
    private final S3TestServer s3 = new S3TestServer().bucket(Harness.BUCKET);
    private final LocalServer server = Leaks.echoServer();

    @AfterEach
    void stop() {
        server.close();
        s3.close();
    }

    private Harness function(ExecutionInterceptor... interceptors) {
        return Harness.s3(s3, Map.of(Leaks.ENV, Leaks.SECRET, FunctionConfig.ALLOWED_PROVIDERS, "http,process",
                "PATH", System.getenv("PATH"), FunctionConfig.ALLOWED_ENV, Leaks.ENV), interceptors);
    }

    /** The payload: the payload's own configuration carries the secret for {@link Source#VAR}. */
    private String payload(Source source, String runId) {
        String configuration = source == Source.VAR
                ? ", \"configuration\": {\"" + Leaks.NAME + "\": " + Json.write(Leaks.SECRET) + "}" : "";
        return "{\"experiment\": " + Leaks.experiment(source, server) + ", \"runId\": \"" + runId + "\""
                + configuration + "}";
    }

    @ParameterizedTest
    @EnumSource(value = Source.class, names = {"INLINE_SECRET", "ENV_SECRET", "ENV_CONFIGURATION", "VAR"})
    void neitherTheLogNorTheResponseNorTheStoredJournalHoldsTheSecret(Source source) {
        Harness function = function();
        String payload = payload(source, "leak-" + source);

        Map<String, Object> response = function.invoke(payload);
        Map<String, Object> duplicate = function.invoke(payload);

        assertEquals("completed", response.get("status"), response.toString());
        assertEquals(response, duplicate);
        Leaks.assertDelivered(server);
        String journalKey = ((String) response.get("journal")).substring(("s3://" + Harness.BUCKET + "/").length());
        Leaks.assertAbsent("the response", Json.write(response));
        Leaks.assertAbsent("the stored journal", s3.read(Harness.BUCKET, journalKey));
        String log = String.join("\n", function.lines);
        assertTrue(log.contains("\"failure\":\"failed to connect to http://127.0.0.1:1/x?token=***"), log);
        assertEquals(1, function.logged("duplicate").size());
        Leaks.assertAbsent("the log", log);
    }

    @Test
    void theJournalLoggedWhenS3RefusesItHoldsNoSecretEither() {
        Harness function = function(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutObjectRequest put && put.key().endsWith(".json")) {
                    throw SdkClientException.create("S3 refused the journal");
                }
            }
        });

        Map<String, Object> response = function.invoke(payload(Source.INLINE_SECRET, "leak-fallback"));

        assertEquals("log:/local/chaos/stdout", response.get("journal"));
        List<Map<String, Object>> fallback = function.logged("journal_fallback");
        assertEquals("completed", ((Map<?, ?>) fallback.getFirst().get("journal_fallback")).get("status"));
        Leaks.assertAbsent("the response", Json.write(response));
        Leaks.assertAbsent("the log", String.join("\n", function.lines));
    }
}
