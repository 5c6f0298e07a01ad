package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.sandbox.Sandbox;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.testing.MotoServer;
import dev.chaosaction.value.Json;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The function as Lambda builds it ({@link ChaosFunction#fromEnvironment}: its own S3 client, the default
 * credential chain) against moto's S3, reached through the SDK's endpoint setting as with LocalStack: the
 * experiment read from {@code s3://}, the run lock created only if absent and read back by a duplicate, the
 * journal stored, the namespace lock taken and released, the kill switch object.
 */
class FunctionOnMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    private static final String KILL_SWITCH_KEY = "chaos-kill-switch";

    private static S3Client s3;
    private static LocalServer app;

    @BeforeAll
    static void bucket() {
        s3 = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        s3.createBucket(b -> b.bucket(Harness.BUCKET)
                .createBucketConfiguration(c -> c.locationConstraint(MotoServer.REGION)));
        app = new LocalServer().reply("/health", Reply.json(200, "{}"));
    }

    @AfterAll
    static void close() {
        s3.close();
        app.close();
    }

    private static Harness function(Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(FunctionConfig.JOURNAL_BUCKET, Harness.BUCKET,
                FunctionConfig.REGION, MotoServer.REGION,
                FunctionConfig.KILL_SWITCH, "s3://" + Harness.BUCKET + "/" + KILL_SWITCH_KEY,
                FunctionConfig.EGRESS_ALLOW, "127.0.0.1")); // the probed app is on loopback, closed by default
        env.putAll(more);
        return Harness.with(new ChaosHandler(ChaosFunction.fromEnvironment(env)));
    }

    private static void put(String key, String body) {
        s3.putObject(b -> b.bucket(Harness.BUCKET).key(key), RequestBody.fromString(body));
    }

    private static String read(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(Harness.BUCKET).key(key)).asUtf8String();
    }

    @Test
    void anExperimentInS3RunsOnceItsLockAndJournalAreStoredAndADuplicateReadsTheLock() {
        put("experiments/checkout.json", Samples.probeOnly(app.url("/health")));
        Harness function = function(Map.of());
        String payload = "{\"experiment\": \"s3://journals/experiments/checkout.json\", \"runId\": \"moto-1\"}";
        int before = app.calls("/health");

        Map<String, Object> first = function.invoke(payload);
        Map<String, Object> again = function.invoke(payload);

        assertEquals("completed", first.get("status"), first.toString());
        assertEquals(first, again);
        assertEquals(3, app.calls("/health") - before, "the duplicate ran nothing");
        String journal = ((String) first.get("journal")).substring("s3://journals/".length());
        assertEquals("moto-1", ((Map<?, ?>) Json.parse(read(journal))).get("chaos-action") instanceof Map<?, ?> m
                ? m.get("run_id") : null);
        Map<?, ?> lock = (Map<?, ?>) Json.parse(read("journals/runs/moto-1.lock"));
        assertEquals("completed", ((Map<?, ?>) lock.get("state")).get("status"), lock.toString());
    }

    @Test
    void aRunThatChangesANamespaceLocksItInTheBucketAndReleasesTheLock() {
        try (Sandbox cluster = Sandbox.start()) {
            put("experiments/pod-kill.json", Samples.podKill(cluster.namespace()));
            Harness function = function(Map.of(FunctionConfig.EKS_CLUSTER_NAME, "shop-cluster",
                    "KUBECONFIG", cluster.kubeconfig().toString()));

            Map<String, Object> response = function.invoke(
                    "{\"experiment\": \"s3://journals/experiments/pod-kill.json\", \"runId\": \"moto-2\"}");

            assertEquals("completed", response.get("status"), response.toString());
            String lock = read("journals/targets/shop-cluster/" + cluster.namespace() + ".lock");
            assertTrue(lock.contains("moto-2"), lock);
        }
    }

    @Test
    void theKillSwitchObjectStopsRunsUntilItIsDeleted() {
        put(KILL_SWITCH_KEY, "INC-1: no chaos today");
        try {
            Map<String, Object> stopped = function(Map.of()).invoke(
                    Samples.request(Samples.probeOnly(app.url("/health")), "moto-3"));
            assertEquals("aborted", stopped.get("status"));
            assertEquals("not started: kill switch s3://journals/chaos-kill-switch is engaged (the object exists)",
                    stopped.get("reason"));
        } finally {
            s3.deleteObject(b -> b.bucket(Harness.BUCKET).key(KILL_SWITCH_KEY));
        }
        Map<String, Object> runs = function(Map.of()).invoke(
                Samples.request(Samples.probeOnly(app.url("/health")), "moto-4"));
        assertEquals("completed", runs.get("status"), runs.toString());
    }

    @Test
    void aMissingExperimentIsReportedAsMissing() {
        Map<String, Object> response = function(Map.of()).invoke(
                "{\"experiment\": \"s3://journals/experiments/none.json\", \"runId\": \"moto-5\"}");

        assertEquals(Map.of("status", "invalid", "errors", java.util.List.of(Map.of("path", "/experiment",
                "message", "s3://journals/experiments/none.json does not exist"))), response);
    }
}
