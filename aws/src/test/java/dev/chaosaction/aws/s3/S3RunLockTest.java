package dev.chaosaction.aws.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.value.Json;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** The run lock on a real S3-compatible server: only the first claim wins, later ones see its state. */
class S3RunLockTest {
    private static final S3TestServer SERVER = new S3TestServer().bucket("locks");

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void theFirstClaimWinsAndLaterClaimsSeeItsState() throws IOException {
        try (S3Client s3 = SERVER.client()) {
            S3RunLock lock = new S3RunLock(s3, "locks", "journals/");
            assertEquals(Optional.empty(), lock.claim("r-1", Map.of("runId", "r-1", "status", "running")));
            assertEquals(Optional.of(Map.of("runId", "r-1", "status", "running")),
                    lock.claim("r-1", Map.of("runId", "r-1", "status", "other")));
            assertEquals(Map.of("runId", "r-1", "status", "running"),
                    ((Map<?, ?>) Json.parse(SERVER.read("locks", "journals/runs/r-1.lock"))).get("state"));
        }
    }

    @Test
    void aCompletedLockHoldsTheResultForLaterClaims() throws IOException {
        try (S3Client s3 = SERVER.client()) {
            S3RunLock lock = new S3RunLock(s3, "locks", "");
            lock.claim("r-2", Map.of("status", "running"));
            lock.complete("r-2", Map.of("status", "completed", "deviated", false));
            assertEquals(Optional.of(Map.of("status", "completed", "deviated", false)),
                    lock.claim("r-2", Map.of("status", "running")));
        }
    }

    @Test
    void locksOfOtherRunsAreIndependent() throws IOException {
        try (S3Client s3 = SERVER.client()) {
            S3RunLock lock = new S3RunLock(s3, "locks", "p/");
            assertEquals(Optional.empty(), lock.claim("a", Map.of()));
            assertEquals(Optional.empty(), lock.claim("b", Map.of()));
            assertEquals("p/runs/a.lock", lock.key("a"));
        }
    }

    @Test
    void aClaimWhoseAnswerWasLostAndWhichTheClientRetriedStillHoldsTheLock() throws IOException {
        LoseFirstAnswer lose = new LoseFirstAnswer();
        try (S3Client s3 = SERVER.client(lose)) {
            S3RunLock lock = new S3RunLock(s3, "locks", "lost/");
            assertEquals(Optional.empty(), lock.claim("r-3", Map.of("status", "running")));
            assertTrue(lose.lost.get());
            assertEquals(Optional.of(Map.of("status", "running")), lock.claim("r-3", Map.of("status", "other")));
        }
    }

    /** Drops the answer of the first PUT after S3 acted on it, as a reset connection does; the client retries. */
    private static final class LoseFirstAnswer implements ExecutionInterceptor {
        final AtomicBoolean lost = new AtomicBoolean();

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutObjectRequest && lost.compareAndSet(false, true)) {
                throw SdkClientException.create("connection reset", new IOException("connection reset"));
            }
        }
    }

    @Test
    void aLockThatIsNotJsonOrNotALockIsAnIoException() {
        SERVER.put("locks", "runs/bad.lock", "not json");
        SERVER.put("locks", "runs/other.lock", "{\"status\": \"running\"}");
        try (S3Client s3 = SERVER.client()) {
            S3RunLock lock = new S3RunLock(s3, "locks", "");
            IOException e = assertThrows(IOException.class, () -> lock.claim("bad", Map.of()));
            assertTrue(e.getMessage().startsWith("s3://locks/runs/bad.lock is not JSON: "), e.getMessage());
            assertEquals("s3://locks/runs/other.lock is not a run lock (no state object)",
                    assertThrows(IOException.class, () -> lock.claim("other", Map.of())).getMessage());
        }
    }
}
