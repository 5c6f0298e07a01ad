package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.testing.FaultProxy.Fault;
import dev.chaosaction.testing.FaultProxy;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.value.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 failing or slow around a run, through a proxy in front of a real S3-compatible server, with the real SDK
 * client and its retries: when the run's lock is taken, while the run goes on, when its journal is written. The
 * result is never lost (in S3, else whole in the log, and the response says which), and a delivery is never run
 * twice. S3 going away for good mid-run is {@link S3FailureTest}; a duplicate delivery with S3 healthy is in
 * {@link ChaosHandlerS3Test}.
 */
@Timeout(60)
class S3FaultsTest {
    private static final S3TestServer S3 = new S3TestServer().bucket(Harness.BUCKET).bucket("experiments");
    private static final String LOCK = "/runs/.*\\.lock";
    private static final String JOURNAL = "/journals/\\d{4}/.*\\.json";
    /** Longer than the client's attempt timeout (5 s): the SDK gives up on the attempt and tries again. */
    private static final Duration PAST_THE_ATTEMPT_TIMEOUT = Duration.ofSeconds(6);

    private final FaultProxy s3 = new FaultProxy(S3.endpoint());
    private final LocalServer app = new LocalServer().reply("/health", Reply.json(200, "{}"));
    private final String runId = "run-" + UUID.randomUUID();

    @AfterEach
    void stop() {
        s3.close();
        app.close();
    }

    @AfterAll
    static void stopS3() {
        S3.close();
    }

    // --- at the start: the run's lock ---------------------------------------------------------------------

    @Test
    void s3DownWhenTheLockIsTakenRunsNothingAndTheRedeliveryRunsOnce() {
        s3.inject("PUT", LOCK, 100, Fault.answer(503));
        Harness function = function();

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> function.invoke(payload()));

        assertEquals("the run lock could not be taken, nothing ran", e.getMessage());
        assertEquals(0, app.calls("/health"));
        assertEquals(1, function.logged("lock_failed").size());

        s3.heal();
        Map<String, Object> redelivered = function.invoke(payload());
        assertEquals("completed", redelivered.get("status"));
        assertStored(redelivered);
        assertEquals(redelivered, function.invoke(payload()), "a later duplicate gets the result");
        assertEquals(3, app.calls("/health"), "one run");
    }

    @Test
    void anExperimentInS3ThatS3FailsToServeRunsNothingAndTheRedeliveryRunsOnce() {
        String payload = experimentInS3();
        s3.inject("GET", "/experiments/", 100, Fault.answer(503));
        Harness function = function();

        S3Exception e = assertThrows(S3Exception.class, () -> function.invoke(payload));

        assertEquals(503, e.statusCode());
        assertRedeliveryRunsOnce(function, payload);
    }

    @Test
    void anExperimentInS3CutOffMidBodyRunsNothingAndTheRedeliveryRunsOnce() {
        String payload = experimentInS3();
        s3.inject("GET", "/experiments/", 1, new Fault.CutBody());
        Harness function = function();

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> function.invoke(payload));

        assertEquals("reading s3://experiments/" + runId + ".json", e.getMessage());
        assertRedeliveryRunsOnce(function, payload);
    }

    /** A request naming its experiment in S3. */
    private String experimentInS3() {
        S3.put("experiments", runId + ".json", Samples.probeOnly(app.url("/health")));
        return "{\"experiment\": \"s3://experiments/" + runId + ".json\", \"runId\": \"" + runId + "\"}";
    }

    /** Nothing ran nor took the lock; once S3 is back the event runs once, and a later duplicate gets its result. */
    private void assertRedeliveryRunsOnce(Harness function, String payload) {
        assertEquals(0, app.calls("/health"));
        assertEquals(List.of(), s3.seen("PUT", LOCK));
        s3.heal();
        Map<String, Object> redelivered = function.invoke(payload);
        assertStored(redelivered);
        assertEquals(redelivered, function.invoke(payload));
        assertEquals(3, app.calls("/health"));
    }

    @Test
    void aLockWhoseAnswerIsLostIsStillHeldAndTheRunGoesOnOnce() {
        s3.inject("PUT", LOCK, 1, new Fault.LoseAnswer());
        Harness function = function();

        Map<String, Object> response = function.invoke(payload());

        assertEquals("completed", response.get("status"));
        assertStored(response);
        assertEquals(List.of("LoseAnswer", "forwarded", "forwarded"), what(s3.seen("PUT", LOCK)),
                "the claim, the SDK's retry of it, the result left in the lock");
        assertEquals(response, function.invoke(payload()));
        assertEquals(3, app.calls("/health"));
    }

    @Test
    void aLockTooSlowForTheAttemptTimeoutIsClaimedByTheRetryAndTheRunGoesOnOnce() {
        s3.inject("PUT", LOCK, 1, new Fault.Delay(PAST_THE_ATTEMPT_TIMEOUT));
        Harness function = function();

        Map<String, Object> response = function.invoke(payload());

        assertEquals("completed", response.get("status"));
        assertStored(response);
        assertEquals(List.of("Delay", "forwarded", "forwarded"), what(s3.seen("PUT", LOCK)),
                "the slow claim, the SDK's retry of it, the result left in the lock");
        assertEquals(response, function.invoke(payload()));
        assertEquals(3, app.calls("/health"));
    }

    // --- in the middle --------------------------------------------------------------------------------------

    @Test
    void s3DownWhileTheRunGoesOnFailsAConcurrentDuplicateAndNotTheRun() throws IOException {
        List<String> duplicate = new CopyOnWriteArrayList<>();
        HttpServer outage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        outage.createContext("/outage", exchange -> {
            s3.inject("*", "", 1000, Fault.answer(503));
            // The same event delivered again, to another instance of the function, while S3 is down.
            try {
                duplicate.add(String.valueOf(function().invoke(payloadOf(outageExperiment(exchange))).get("status")));
            } catch (UncheckedIOException e) {
                duplicate.add(e.getMessage());
            }
            s3.heal();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        outage.start();
        try {
            Harness function = function();
            String payload = payloadOf(outageExperiment(outage));

            Map<String, Object> response = function.invoke(payload);

            assertEquals("completed", response.get("status"));
            assertStored(response);
            assertEquals(List.of("the run lock could not be taken, nothing ran"), duplicate);
            assertEquals(response, function.invoke(payload), "once S3 is back, a duplicate gets the result");
            assertEquals(1, app.calls("/health"), "one run");
        } finally {
            outage.stop(0);
        }
    }

    /** The method calls {@code /outage} on the server (which takes S3 down for a while), then the app. */
    private String outageExperiment(HttpServer outage) {
        return """
                {"title": "outage", "description": "S3 fails while the method runs",
                 "method": [{"type": "probe", "name": "outage",
                             "provider": {"type": "http", "url": "http://127.0.0.1:%d/outage", "timeout": 30}},
                            {"type": "probe", "name": "look", "provider": {"type": "http", "url": "%s"}}]}"""
                .formatted(outage.getAddress().getPort(), app.url("/health"));
    }

    private String outageExperiment(HttpExchange exchange) {
        return outageExperiment(exchange.getHttpContext().getServer());
    }

    // --- at the journal write ---------------------------------------------------------------------------------

    @Test
    void aJournalWriteFailingOnceIsRetriedAndStored() {
        s3.inject("PUT", JOURNAL, 1, Fault.answer(503));

        Map<String, Object> response = function().invoke(payload());

        assertStored(response);
        assertEquals(List.of("Answer", "forwarded"), what(s3.seen("PUT", JOURNAL)));
    }

    @Test
    void aJournalWriteWhoseAnswerIsLostIsStoredOnce() {
        s3.inject("PUT", JOURNAL, 1, new Fault.LoseAnswer());

        Map<String, Object> response = function().invoke(payload());

        assertStored(response);
        assertEquals(List.of("LoseAnswer", "forwarded"), what(s3.seen("PUT", JOURNAL)),
                "the retry meets the journal the first attempt stored");
    }

    @Test
    void aJournalWriteTooSlowForTheAttemptTimeoutIsStoredByTheRetry() {
        s3.inject("PUT", JOURNAL, 1, new Fault.Delay(PAST_THE_ATTEMPT_TIMEOUT));

        Map<String, Object> response = function().invoke(payload());

        assertStored(response);
        assertEquals(List.of("Delay", "forwarded"), what(s3.seen("PUT", JOURNAL)));
    }

    @Test
    void aJournalThatCannotBeStoredGoesToTheLogAndDuplicatesAreToldWhere() {
        s3.inject("PUT", JOURNAL, 100, Fault.answer(503));
        Harness function = function();

        Map<String, Object> response = function.invoke(payload());

        assertEquals("completed", response.get("status"));
        assertEquals("log:/local/chaos/stdout", response.get("journal"));
        assertTrue(((String) response.get("journalError")).startsWith("s3://journals/journals/"),
                (String) response.get("journalError"));
        Map<?, ?> logged = (Map<?, ?>) function.logged("journal_fallback").getFirst().get("journal_fallback");
        assertEquals("completed", logged.get("status"));
        assertEquals(runId, ((Map<?, ?>) logged.get("chaos-action")).get("run_id"));
        assertEquals(List.of("look"), ((List<?>) logged.get("run")).stream()
                .map(i -> ((Map<?, ?>) ((Map<?, ?>) i).get("activity")).get("name")).toList(), "the whole journal");
        assertEquals(response, function.invoke(payload()), "a duplicate is told where the journal went");
        assertEquals(3, app.calls("/health"), "and runs nothing");
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private Harness function() {
        return Harness.s3(s3.uri(), Map.of());
    }

    private String payload() {
        return payloadOf(Samples.probeOnly(app.url("/health")));
    }

    private String payloadOf(String experiment) {
        return Samples.request(experiment, runId);
    }

    /** The response names the journal in S3, and the journal there is this run's. */
    private void assertStored(Map<String, Object> response) {
        String where = (String) response.get("journal");
        String prefix = "s3://" + Harness.BUCKET + "/";
        assertTrue(where.startsWith(prefix), where);
        Map<?, ?> journal = (Map<?, ?>) Json.parse(S3.read(Harness.BUCKET, where.substring(prefix.length())));
        assertEquals(response.get("status"), journal.get("status"));
        assertEquals(runId, ((Map<?, ?>) journal.get("chaos-action")).get("run_id"));
        assertEquals(response.get("verdict"), ((Map<?, ?>) journal.get("chaos-action")).get("verdict"));
    }

    private static List<String> what(List<FaultProxy.Seen> seen) {
        return seen.stream().map(FaultProxy.Seen::what).toList();
    }
}
