package dev.chaosaction.aws.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.safety.TargetLock;
import dev.chaosaction.value.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Namespace locks on a real S3-compatible server: one run per namespace, stale locks taken over by one run. */
@Timeout(60)
class S3TargetLockTest {
    private static final S3TestServer S3 = new S3TestServer().bucket("journals");
    private static final Instant NOW = Instant.parse("2024-05-07T10:00:00Z");
    private static final Duration MAX_HOLD = Duration.ofMinutes(15);

    private final S3Client client = S3.client();
    private final String prefix = "p" + System.nanoTime() + "/";

    @AfterAll
    static void stop() {
        S3.close();
    }

    private S3TargetLock lock(S3Client s3, Instant now) {
        return new S3TargetLock(() -> s3, "journals", prefix, "shop-cluster", MAX_HOLD, Clock.fixed(now, ZoneOffset.UTC));
    }

    private S3TargetLock lock() {
        return lock(client, NOW);
    }

    private Map<?, ?> stored(String namespace) {
        return (Map<?, ?>) Json.parse(S3.read("journals", prefix + "targets/shop-cluster/" + namespace + ".lock"));
    }

    @Test
    void aSecondRunIsRefusedWhileTheFirstHoldsTheNamespaceAndGetsItOnceReleased() throws Exception {
        TargetLock.Lease first = lock().acquire("run-a", Set.of("shop"), NOW.plusSeconds(600));

        TargetLock.Busy busy = assertThrows(TargetLock.Busy.class,
                () -> lock().acquire("run-b", Set.of("shop"), NOW.plusSeconds(600)));
        assertEquals("namespace 'shop' of cluster 'shop-cluster' is locked by run run-a until 2024-05-07T10:10:00+00:00",
                busy.getMessage());
        assertEquals("run-a", stored("shop").get("runId"));

        first.close();
        assertEquals("2024-05-07T10:00:00+00:00", stored("shop").get("released"));
        try (TargetLock.Lease second = lock().acquire("run-b", Set.of("shop"), null)) {
            assertEquals("run-b", stored("shop").get("runId"));
        }
    }

    @Test
    void theLockRecordsItsHolderAndExpiresAtTheRunsDeadlineOrTheLongestRunWhicheverComesFirst() throws Exception {
        try (TargetLock.Lease lease = lock().acquire("run-a", Set.of("early", "late"), NOW.plusSeconds(60))) {
            assertEquals("2024-05-07T10:01:00+00:00", stored("early").get("expires"));
            assertEquals("2024-05-07T10:00:00+00:00", stored("early").get("acquired"));
        }
        try (TargetLock.Lease lease = lock().acquire("run-b", Set.of("late"), NOW.plus(Duration.ofHours(2)))) {
            assertEquals("2024-05-07T10:15:00+00:00", stored("late").get("expires"));
        }
        try (TargetLock.Lease lease = lock().acquire("run-c", Set.of("early"), null)) {
            assertEquals("2024-05-07T10:15:00+00:00", stored("early").get("expires"));
        }
    }

    @Test
    void otherNamespacesAndOtherClustersAreIndependent() throws Exception {
        try (TargetLock.Lease a = lock().acquire("run-a", Set.of("shop"), null);
             TargetLock.Lease b = lock().acquire("run-b", Set.of("billing"), null);
             TargetLock.Lease c = new S3TargetLock(() -> client, "journals", prefix, "other-cluster", MAX_HOLD,
                     Clock.fixed(NOW, ZoneOffset.UTC)).acquire("run-c", Set.of("shop"), null)) {
            assertEquals("run-c", ((Map<?, ?>) Json.parse(S3.read("journals",
                    prefix + "targets/other-cluster/shop.lock"))).get("runId"));
        }
    }

    @Test
    void aLockPastItsExpiryIsStaleAndTakenOver() throws Exception {
        lock().acquire("crashed", Set.of("shop"), NOW.plusSeconds(60)); // never released: its run died
        assertThrows(TargetLock.Busy.class, () -> lock(client, NOW.plusSeconds(59)).acquire("run-b", Set.of("shop"), null));

        try (TargetLock.Lease lease = lock(client, NOW.plusSeconds(61)).acquire("run-b", Set.of("shop"), null)) {
            assertEquals("run-b", stored("shop").get("runId"));
        }
    }

    @Test
    void ofTwoRunsTakingOverOneStaleLockOnlyOneGetsIt() throws Exception {
        lock().acquire("crashed", Set.of("shop"), NOW.plusSeconds(60));
        Instant later = NOW.plusSeconds(120);
        // Run C reads the stale lock; just before its conditional replace reaches S3, run B takes the lock over.
        AtomicBoolean overtaken = new AtomicBoolean();
        S3Client racing = S3.client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutObjectRequest put && put.ifMatch() != null
                        && overtaken.compareAndSet(false, true)) {
                    try {
                        lock(client, later).acquire("run-b", Set.of("shop"), null);
                    } catch (TargetLock.Busy e) {
                        throw new AssertionError(e);
                    }
                }
            }
        });

        TargetLock.Busy busy = assertThrows(TargetLock.Busy.class,
                () -> lock(racing, later).acquire("run-c", Set.of("shop"), null));

        assertTrue(overtaken.get());
        assertEquals("namespace 'shop' of cluster 'shop-cluster' is locked by run run-b until 2024-05-07T10:17:00+00:00",
                busy.getMessage());
        assertEquals("run-b", stored("shop").get("runId"));
    }

    @Test
    void aRunGetsAllItsNamespacesOrNone() throws Exception {
        TargetLock.Lease held = lock().acquire("run-a", Set.of("billing"), null);

        assertThrows(TargetLock.Busy.class, () -> lock().acquire("run-b", Set.of("billing", "shop"), null));

        // "shop" sorts after "billing", so it was never taken; "ads" sorts first: taken, then given back.
        assertThrows(TargetLock.Busy.class, () -> lock().acquire("run-c", Set.of("ads", "billing"), null));
        assertTrue(stored("ads").containsKey("released"));
        lock().acquire("run-d", Set.of("ads", "shop"), null).close();
        held.close();
    }

    @Test
    void aLockWhoseAnswerWasLostAndWhichTheClientRetriedIsStillOurs() throws Exception {
        AtomicBoolean lost = new AtomicBoolean();
        S3Client losing = S3.client(new ExecutionInterceptor() {
            @Override
            public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutObjectRequest && lost.compareAndSet(false, true)) {
                    throw SdkClientException.create("connection reset", new IOException("connection reset"));
                }
            }
        });

        try (TargetLock.Lease lease = lock(losing, NOW).acquire("run-a", Set.of("shop"), null)) {
            assertTrue(lost.get());
            assertEquals("run-a", stored("shop").get("runId"));
        }
        assertTrue(stored("shop").containsKey("released"));
    }

    @Test
    void anUnreachableS3RefusesTheRun() {
        S3TestServer gone = new S3TestServer();
        S3Client client = gone.client();
        gone.stop();

        TargetLock.Busy busy = assertThrows(TargetLock.Busy.class,
                () -> lock(client, NOW).acquire("run-a", Set.of("shop"), null));

        assertTrue(busy.getMessage().startsWith("the lock of namespace 'shop' of cluster 'shop-cluster' could not be "
                + "taken (s3://journals/" + prefix + "targets/shop-cluster/shop.lock: "), busy.getMessage());
        assertTrue(busy.getMessage().endsWith("); not running to be safe"), busy.getMessage());
    }

    @Test
    void aNameThatIsNotANamespaceIsRefusedBeforeAnyRequest() {
        TargetLock.Busy busy = assertThrows(TargetLock.Busy.class, () -> new S3TargetLock(() -> {
            throw new AssertionError("no request for a bad name");
        }, "journals", prefix, "c", MAX_HOLD, Clock.systemUTC()).acquire("run-a", Set.of("../runs/x"), null));
        assertEquals("'../runs/x' is not a Kubernetes namespace name; nothing was locked", busy.getMessage());
    }

    @Test
    void anUnreadableLockCountsAsHeld() {
        S3.put("journals", prefix + "targets/shop-cluster/shop.lock", "{\"runId\": \"?\", \"expires\": \"soon\"}");
        assertThrows(TargetLock.Busy.class, () -> lock().acquire("run-a", Set.of("shop"), null));
    }
}
