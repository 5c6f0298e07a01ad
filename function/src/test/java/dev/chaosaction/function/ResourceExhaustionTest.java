package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.testing.HugeBodyServer;
import dev.chaosaction.testing.TestFunctions;
import dev.chaosaction.value.Json;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An experiment that exhausts the JVM (a 600 MB body, an OutOfMemoryError in an activity) still ends as a run
 * must: the rollbacks ran, the journal is stored, and the run's lock holds the result, so that a duplicate
 * delivery is answered with it instead of {@code running}.
 */
@Timeout(120)
class ResourceExhaustionTest {
    private final S3TestServer s3 = new S3TestServer().bucket(Harness.BUCKET);
    private final String runId = "run-" + UUID.randomUUID();

    @AfterEach
    void stop() {
        s3.close();
    }

    @Test
    void aHugeBodyIsCutAndTheRunEndsWithItsJournalAndItsLockReleased() throws Exception {
        try (HugeBodyServer server = new HugeBodyServer(600L * 1024 * 1024)) {
            Map<String, Object> response = invokeTwice("{\"type\": \"probe\", \"name\": \"read it all\", "
                    + "\"provider\": {\"type\": \"http\", \"url\": \"" + server.url() + "\"}}", "undo-lambda-body");

            assertEquals("completed", response.get("status"), String.valueOf(response));
            String body = (String) ((Map<?, ?>) ((Map<?, ?>) ((List<?>) stored(response).get("run")).getFirst())
                    .get("output")).get("body");
            assertTrue(body.endsWith("[chaos-action: body truncated after 10485760 bytes, the rest was not read]"));
        }
    }

    @Test
    void anOutOfMemoryErrorInAnActivityEndsWithRollbacksJournalAndLockReleased() {
        Map<String, Object> response = invokeTwice("{\"type\": \"action\", \"name\": \"exhaust\", \"provider\": "
                + "{\"type\": \"python\", \"module\": \"" + TestFunctions.MODULE + "\", \"func\": \"exhaust\"}}",
                "undo-lambda-oom");

        assertEquals("aborted", response.get("status"));
        assertTrue(String.valueOf(response.get("reason")).contains("OutOfMemoryError"), String.valueOf(response));
        assertEquals("aborted", stored(response).get("status"));
    }

    /** Runs the experiment, then delivers the same run again: the second answer is the first run's result. */
    private Map<String, Object> invokeTwice(String method, String undoCounter) {
        Harness function = Harness.s3(s3, Map.of(FunctionConfig.ALLOWED_PROVIDERS, "http,python"));
        String experiment = "{\"title\": \"exhaustion\", \"description\": \"d\", \"method\": [" + method + "],"
                + "\"rollbacks\": [{\"type\": \"action\", \"name\": \"undo\", \"provider\": {\"type\": \"python\","
                + "\"module\": \"" + TestFunctions.MODULE + "\", \"func\": \"tick\", \"arguments\": {\"name\": \""
                + undoCounter + "\"}}}]}";
        String payload = "{\"experiment\": " + experiment + ", \"runId\": \"" + runId + "\", \"settings\": {\"rollbackStrategy\": \"always\"}}";

        Map<String, Object> first = function.invoke(payload);
        assertEquals(1, TestFunctions.ticks(undoCounter), "the rollback ran");
        Map<String, Object> again = function.invoke(payload);
        assertEquals(first, again, "the lock holds the first run's result");
        assertEquals(1, TestFunctions.ticks(undoCounter), "the duplicate ran nothing");
        return first;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> stored(Map<String, Object> response) {
        String key = ((String) response.get("journal")).substring(("s3://" + Harness.BUCKET + "/").length());
        return (Map<String, Object>) Json.parse(s3.read(Harness.BUCKET, key));
    }
}
