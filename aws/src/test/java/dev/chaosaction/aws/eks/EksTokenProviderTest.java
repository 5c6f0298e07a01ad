package dev.chaosaction.aws.eks;

import static dev.chaosaction.aws.eks.EksTokenTest.CREDENTIALS;
import static dev.chaosaction.aws.eks.EksTokenTest.SIGNED_AT;
import static dev.chaosaction.aws.eks.EksTokenTest.decode;
import static dev.chaosaction.aws.eks.EksTokenTest.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

public class EksTokenProviderTest {

    /** A clock the test moves by hand. */
    public static final class SettableClock extends Clock {
        private volatile Instant now;

        public SettableClock(Instant now) {
            this.now = now;
        }

        public void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** Static credentials that count how often a token was signed. */
    static final class CountingCredentials implements AwsCredentialsProvider {
        final AtomicInteger resolved = new AtomicInteger();

        @Override
        public AwsCredentials resolveCredentials() {
            resolved.incrementAndGet();
            return CREDENTIALS;
        }
    }

    final SettableClock clock = new SettableClock(SIGNED_AT);
    final CountingCredentials credentials = new CountingCredentials();
    final EksTokenProvider tokens = new EksTokenProvider("prod", Region.EU_WEST_1, credentials, clock);

    @Test
    void firstTokenIsSignedAtTheClocksTime() {
        assertEquals(EksToken.create("prod", Region.EU_WEST_1, CREDENTIALS, SIGNED_AT), tokens.getToken());
        assertEquals("20261126T101530Z", query(decode(tokens.getToken())).get("X-Amz-Date"));
    }

    @Test
    void tokenIsReusedForFourteenMinutesThenRenewed() {
        String first = tokens.getToken();

        clock.advance(Duration.ofMinutes(14).minusSeconds(1));
        assertEquals(first, tokens.getToken());
        assertEquals(1, credentials.resolved.get());

        clock.advance(Duration.ofSeconds(1));
        String renewed = tokens.getToken();
        assertNotEquals(first, renewed);
        assertEquals("20261126T102930Z", query(decode(renewed)).get("X-Amz-Date"));
        assertEquals(2, credentials.resolved.get());

        clock.advance(Duration.ofMinutes(10));
        assertEquals(renewed, tokens.getToken());
    }

    @Test
    void concurrentCallersShareOneSignature() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = IntStream.range(0, 64).<Callable<String>>mapToObj(i -> tokens::getToken).toList();
            List<Future<String>> results = pool.invokeAll(calls);
            var distinct = results.stream().map(EksTokenProviderTest::join).collect(Collectors.toSet());
            assertEquals(1, distinct.size());
            assertEquals(1, credentials.resolved.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void toStringNamesTheClusterButNotTheToken() {
        tokens.getToken();

        assertEquals("EksTokenProvider[cluster=prod, region=eu-west-1]", tokens.toString());
    }

    private static String join(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
