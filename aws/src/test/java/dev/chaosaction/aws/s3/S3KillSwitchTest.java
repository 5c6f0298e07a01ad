package dev.chaosaction.aws.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.journal.S3Location;
import dev.chaosaction.safety.KillSwitch;
import dev.chaosaction.safety.KillSwitches;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.testing.LocalServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;

/**
 * The kill switch against a real S3-compatible server: present means stop, absent means go, and anything in
 * between (refused, unreachable, too slow, no client, a malformed location) means stop.
 */
@Timeout(60)
class S3KillSwitchTest {
    private static final S3TestServer S3 = new S3TestServer().bucket("ops");
    private static final S3Location SWITCH = new S3Location("ops", "chaos/kill-switch");

    @AfterAll
    static void stop() {
        S3.close();
    }

    @Test
    void anAbsentObjectLetsRunsGoAndAPresentOneStopsThem() {
        S3Location location = new S3Location("ops", "chaos/switch-" + System.nanoTime());
        KillSwitch killSwitch = new S3KillSwitch(S3::client, location);
        assertEquals(Optional.empty(), killSwitch.engaged());

        S3.put("ops", location.key(), "incident in progress");

        assertEquals(Optional.of("kill switch " + location + " is engaged (the object exists)"), killSwitch.engaged());
    }

    @Test
    void aSwitchInABucketThatDoesNotExistCountsAsEngaged() {
        assertEquals(Optional.of("kill switch s3://no-such-bucket/kill could not be read (bucket no-such-bucket does "
                + "not exist); stopping to be safe"),
                new S3KillSwitch(S3::client, new S3Location("no-such-bucket", "kill")).engaged());
    }

    @Test
    void theBucketIsCheckedOnceNotAtEveryReading() {
        AtomicInteger buckets = new AtomicInteger();
        S3Client counted = S3.client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof HeadBucketRequest) buckets.incrementAndGet();
            }
        });
        KillSwitch killSwitch = new S3KillSwitch(() -> counted, new S3Location("ops", "absent-" + System.nanoTime()));

        for (int i = 0; i < 3; i++) assertEquals(Optional.empty(), killSwitch.engaged());

        assertEquals(1, buckets.get());
    }

    @Test
    void anEmptyObjectIsEnoughToStop() {
        S3Location location = new S3Location("ops", "empty-" + System.nanoTime());
        S3.put("ops", location.key(), "");
        assertTrue(new S3KillSwitch(S3::client, location).engaged().isPresent());
    }

    @Test
    void aRefusedReadCountsAsEngaged() {
        S3Client wrongKeys = client(S3.endpoint(), "someone-else", "wrong", Duration.ofSeconds(10));

        Optional<String> reason = new S3KillSwitch(() -> wrongKeys, SWITCH).engaged();

        assertEquals(Optional.of("kill switch s3://ops/chaos/kill-switch could not be read (S3 answered 403); "
                + "stopping to be safe"), reason);
    }

    @Test
    void anUnreachableS3CountsAsEngaged() {
        try (S3TestServer gone = new S3TestServer()) {
            URI endpoint = gone.endpoint();
            gone.stop();
            Optional<String> reason = new S3KillSwitch(() -> client(endpoint, "chaos-test", "chaos-test-secret",
                    Duration.ofSeconds(10)), SWITCH).engaged();
            assertTrue(reason.orElseThrow().startsWith("kill switch s3://ops/chaos/kill-switch could not be read ("),
                    reason.get());
            assertTrue(reason.get().endsWith("); stopping to be safe"), reason.get());
        }
    }

    @Test
    void anS3ThatDoesNotAnswerInTimeCountsAsEngaged() {
        try (LocalServer silent = new LocalServer().reply("/ops/chaos/kill-switch",
                Reply.text(404, "").delayed(5_000))) {
            S3Client impatient = client(URI.create(silent.url("")), "chaos-test", "chaos-test-secret",
                    Duration.ofMillis(300));
            Optional<String> reason = new S3KillSwitch(() -> impatient, SWITCH).engaged();
            assertTrue(reason.orElseThrow().contains("could not be read"), reason.get());
            assertTrue(reason.get().contains("timeout"), reason.get());
        }
    }

    @Test
    void aClientThatCannotBeMadeCountsAsEngaged() {
        Optional<String> reason = new S3KillSwitch(() -> {
            throw new IllegalStateException("no region");
        }, SWITCH).engaged();
        assertEquals(Optional.of("kill switch s3://ops/chaos/kill-switch could not be read (no region); stopping to "
                + "be safe"), reason);
    }

    @Test
    void theDeploymentsSwitchComesFromTheEnvironmentAndTheExperimentsFromItsRuntimeBlock() {
        S3.put("ops", "runtime-switch", "");
        KillSwitch fromRuntime = KillSwitches.of(Map.of(), Map.of("kill_switch", "s3://ops/runtime-switch"),
                S3KillSwitch.source(S3::client));
        KillSwitch fromEnv = KillSwitches.of(Map.of(KillSwitches.ENV, "s3://ops/runtime-switch"), Map.of(),
                S3KillSwitch.source(S3::client));
        KillSwitch neither = KillSwitches.of(Map.of(), Map.of(), S3KillSwitch.source(() -> {
            throw new AssertionError("no switch set, so no client is made");
        }));

        assertEquals(Optional.of("kill switch s3://ops/runtime-switch is engaged (the object exists)"),
                fromRuntime.engaged());
        assertEquals(fromRuntime.engaged(), fromEnv.engaged());
        assertEquals(Optional.empty(), neither.engaged());
    }

    @Test
    void aMalformedOrUnreadableDeploymentSwitchStopsEveryRun() {
        assertEquals(Optional.of("kill switch CHAOS_KILL_SWITCH cannot be read: 'ops/kill' is not an s3://bucket/key "
                + "reference; stopping to be safe"),
                KillSwitches.of(Map.of(KillSwitches.ENV, "ops/kill"), Map.of(), S3KillSwitch.source(S3::client))
                        .engaged());
        assertEquals(Optional.of("kill switch s3://ops/kill cannot be read: no S3 client here; stopping to be safe"),
                KillSwitches.of(Map.of(KillSwitches.ENV, "s3://ops/kill"), Map.of(), null).engaged());
    }

    @Test
    void aMalformedRuntimeSwitchIsAValidationProblem() {
        assertEquals(List.of(new Problem("/runtime/kill_switch", "'s3://ops' is not an s3://bucket/key reference")),
                KillSwitches.validate(Map.of("kill_switch", "s3://ops"), "/runtime"));
        assertEquals(List.of(new Problem("/runtime/kill_switch", "kill_switch must be an s3://bucket/key string")),
                KillSwitches.validate(Map.of("kill_switch", true), "/runtime"));
        assertEquals(List.of(), KillSwitches.validate(Map.of("kill_switch", "s3://ops/k"), "/runtime"));
    }

    private static S3Client client(URI endpoint, String key, String secret, Duration timeout) {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .overrideConfiguration(o -> o.apiCallTimeout(timeout))
                .build();
    }
}
