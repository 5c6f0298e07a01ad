package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.experiment.ExperimentLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Payloads written to hurt the function: each is answered {@code invalid}, and nothing is stored or run. */
class HostilePayloadTest {
    private static final S3TestServer S3 = new S3TestServer().bucket(Harness.BUCKET);

    @TempDir
    Path journals;

    @AfterAll
    static void stop() {
        S3.close();
    }

    private Map<String, Object> invoke(String payload) {
        return Harness.directory(journals).invoke(payload);
    }

    private void assertNothingStored() throws Exception {
        try (var files = Files.walk(journals)) {
            assertEquals(List.of(journals), files.toList());
        }
    }

    private static Map<String, Object> invalid(String path, String message) {
        return Map.of("status", "invalid", "errors", List.of(Map.of("path", path, "message", message)));
    }

    @Test
    void aPayloadOverTheExperimentCapIsRefusedUnread() throws Exception {
        String huge = Samples.probeOnly("http://127.0.0.1:1/" + "x".repeat((int) ExperimentLoader.MAX_BYTES));

        assertEquals(invalid("", "the payload is larger than 4194304 bytes; a large experiment can be sent as an"
                + " s3://bucket/key reference"), invoke(huge));
        assertNothingStored();
    }

    /** Run ids become file names and S3 keys: one that could climb out of the journal folder is refused. */
    @Test
    void aRunIdThatWouldClimbOutOfTheJournalsIsRefused() throws Exception {
        String rule = "must be a string of 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or a"
                + " digit";
        for (String runId : List.of("../../etc/cron.d/x", "..", "a/../../b", ".hidden")) {
            assertEquals(invalid("/runId", rule), invoke(Samples.request(Samples.probeOnly("http://127.0.0.1:1/"),
                    runId)));
        }
        assertNothingStored();
        // A schedule or event id is not checked but mapped: anything unsafe becomes a name-based UUID.
        assertTrue(Request.safe("arn:aws:scheduler:../../x 2026-01-31T02:00:00Z")
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"));
    }

    /**
     * S3 keys are names, not paths, but the SDK puts them in the request path as written, where a server or proxy
     * may resolve {@code team/../e.json} to {@code e.json} (the test server does): such a reference is refused,
     * and nothing is fetched. (What an s3:// reference may reach at all is the function role's to say: the
     * template grants the experiments and journals prefixes only.)
     */
    @Test
    void anS3KeyWithDotSegmentsIsRefusedUnfetched() throws Exception {
        S3.put(Harness.BUCKET, "e.json", Samples.probeOnly("http://127.0.0.1:1/"));
        List<String> requests = new CopyOnWriteArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                requests.add(context.httpRequest().method() + " " + context.httpRequest().encodedPath());
            }
        };
        Harness function = Harness.s3(S3, Map.of(), recorder);

        for (String key : List.of("team/../e.json", "./e.json", "team/..", "a/./../e.json")) {
            String reference = "s3://" + Harness.BUCKET + "/" + key;
            assertEquals(invalid("/experiment", "'" + reference + "' has a '.' or '..' segment in its key: the SDK"
                    + " sends it as written and a server or proxy on the way may resolve it to another object, even"
                    + " another bucket; name the object itself"),
                    function.invoke("{\"experiment\": \"" + reference + "\", \"runId\": \"dotdot\"}"));
        }
        assertEquals(List.of(), requests);
        // Dots inside a name are no segment.
        S3.put(Harness.BUCKET, "team/..e.json", Samples.probeOnly("http://127.0.0.1:1/"));
        function.invoke("{\"experiment\": \"s3://" + Harness.BUCKET + "/team/..e.json\", \"runId\": \"dots\"}");
        assertEquals("GET /" + Harness.BUCKET + "/team/..e.json", requests.getFirst());
    }
}
