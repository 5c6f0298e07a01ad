package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.kubernetes.Kubernetes;
import dev.chaosaction.sandbox.Sandbox;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.TestFunctions;
import dev.chaosaction.value.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The function's safeguards end to end, on a real S3-compatible server and the simulated cluster: the kill
 * switch of the template's variable, and the namespace lock two invocations contend for.
 */
@Timeout(120)
class SafeguardsTest {
    private static final String KILL_SWITCH = "s3://" + Harness.BUCKET + "/chaos-kill-switch";

    @TempDir
    Path dir;
    private final S3TestServer s3 = new S3TestServer().bucket(Harness.BUCKET);
    private final Sandbox cluster = Sandbox.start();
    private final LocalServer app = new LocalServer().reply("/health", Reply.json(200, "{}"));
    private final String runId = "run-" + UUID.randomUUID();

    @AfterEach
    void stop() {
        app.close();
        cluster.close();
        s3.close();
    }

    private Harness function() {
        return Harness.s3(s3, Map.of(FunctionConfig.KILL_SWITCH, KILL_SWITCH, FunctionConfig.EKS_CLUSTER_NAME, "prod",
                "KUBECONFIG", cluster.kubeconfig().toString(), FunctionConfig.ALLOWED_PROVIDERS, "http,python,process"),
                List.of(Kubernetes.libraryFactory(), TestFunctions.factory()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> stored(Map<String, Object> response) {
        String key = ((String) response.get("journal")).substring(("s3://" + Harness.BUCKET + "/").length());
        return (Map<String, Object>) Json.parse(s3.read(Harness.BUCKET, key));
    }

    private Map<?, ?> lock(String namespace) {
        return (Map<?, ?>) Json.parse(s3.read(Harness.BUCKET, "journals/targets/prod/" + namespace + ".lock"));
    }

    @Test
    void anEngagedKillSwitchAnswersAbortedWithTheReasonAndStoresTheJournal() {
        s3.put(Harness.BUCKET, "chaos-kill-switch", "INC-4711: checkout is down, no chaos today");
        Harness function = function();

        Map<String, Object> response = function.invoke(Samples.request(Samples.probeOnly(app.url("/health")), runId));

        String reason = "not started: kill switch " + KILL_SWITCH + " is engaged (the object exists)";
        assertEquals("aborted", response.get("status"));
        assertEquals(reason, response.get("reason"));
        assertEquals("aborted", stored(response).get("status"));
        assertEquals(Map.of("run_id", runId, "verdict", "aborted", "verdict_reason", "the run was aborted: " + reason,
                "reason", reason), stored(response).get("chaos-action"));
        assertEquals(0, app.calls("/health"));
        Map<String, Object> ended = function.logged("run").getFirst();
        assertEquals(reason, ended.get("reason"));
        assertEquals(List.of(), function.logged("phase"), "no phase started");
    }

    @Test
    void aKillSwitchThatCannotBeReadStopsTheRun() {
        Harness function = Harness.s3(s3, Map.of(FunctionConfig.KILL_SWITCH, "journals/chaos-kill-switch"));

        Map<String, Object> response = function.invoke(Samples.request(Samples.probeOnly(app.url("/health")), runId));

        assertEquals("aborted", response.get("status"));
        assertEquals("not started: kill switch CHAOS_KILL_SWITCH cannot be read: 'journals/chaos-kill-switch' is not "
                + "an s3://bucket/key reference; stopping to be safe", response.get("reason"));
        assertEquals(0, app.calls("/health"));
    }

    @Test
    void aSecondInvocationIntoANamespaceInUseEndsAbortedAndTheFirstGoesOnUndisturbed() throws Exception {
        Path proceed = dir.resolve("proceed");
        // The first run kills a pod, then waits (a real process) until the test lets it finish.
        String holding = """
                {"title": "Holds shop", "description": "d",
                 "method": [{"type": "action", "name": "kill", "provider": {"type": "python",
                   "module": "chaosk8s.pod.actions", "func": "terminate_pods",
                   "arguments": {"label_selector": "app=web", "ns": "shop"}}},
                  {"type": "action", "name": "wait", "provider": {"type": "process", "path": "sh",
                   "arguments": ["-c", "while [ ! -f %s ]; do sleep 0.05; done"], "timeout": 60}}]}"""
                .formatted(proceed);
        Harness function = function();
        CompletableFuture<Map<String, Object>> first = CompletableFuture.supplyAsync(
                () -> function.invoke(Samples.request(holding, "run-first"), "request-1", Duration.ofMinutes(15)));
        assertTrue(Sandbox.await(Duration.ofSeconds(60), () -> cluster.apiCalls().stream()
                .anyMatch(c -> "DELETE".equals(c.method()))), "the first run killed its pod");

        Map<String, Object> second = function.invoke(Samples.request(Samples.podKill("shop"), "run-second"),
                "request-2", Duration.ofMinutes(15));
        Files.createFile(proceed);
        Map<String, Object> firstResult = first.get();

        assertEquals("aborted", second.get("status"));
        assertTrue(((String) second.get("reason")).startsWith(
                "not started: namespace 'shop' of cluster 'prod' is locked by run run-first until "), second.toString());
        assertEquals(List.of(), stored(second).get("run"));
        assertEquals("completed", firstResult.get("status"));
        assertEquals(1, cluster.apiCalls().stream().filter(c -> "DELETE".equals(c.method())).count());
        assertEquals("run-first", lock("shop").get("runId"));
        assertTrue(lock("shop").containsKey("released"), "released at the end of the first run");
    }

    @Test
    void aLockLeftByACrashedInvocationIsTakenOverOnceStale() {
        s3.put(Harness.BUCKET, "journals/targets/prod/shop.lock", """
                {"runId": "crashed", "claim": "x", "acquired": "2024-05-07T10:00:00+00:00",
                 "expires": "2024-05-07T10:15:00+00:00"}""");

        Map<String, Object> response = function().invoke(Samples.request(Samples.podKill("shop"), runId));

        assertEquals("completed", response.get("status"));
        assertEquals(runId, lock("shop").get("runId"));
    }
}
