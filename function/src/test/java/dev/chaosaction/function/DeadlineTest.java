package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.value.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The deadline comes from the Lambda context: a method that would outlast the invocation is interrupted early
 * enough for its rollbacks to play and its journal to be stored.
 */
@Timeout(60)
class DeadlineTest {
    private final S3TestServer s3 = new S3TestServer().bucket(Harness.BUCKET);
    private final LocalServer app = new LocalServer().reply("/undo", Reply.json(200, "{}"));

    @AfterEach
    void stop() {
        app.close();
        s3.close();
    }

    private String slowExperiment() {
        return """
                {"title": "Slow", "description": "a pause longer than the invocation",
                 "method": [{"type": "action", "name": "wait", "pauses": {"after": 600},
                             "provider": {"type": "python", "module": "test.fn", "func": "echo"}}],
                 "rollbacks": [{"type": "action", "name": "undo", "provider": {"type": "http", "url": "%s"}}]}"""
                .formatted(app.url("/undo"));
    }

    @Test
    void aMethodLongerThanTheRemainingTimeIsInterruptedAndRolledBackAndItsJournalStored() {
        String payload = """
                {"experiment": %s, "runId": "slow-1", "settings": {"rollbackStrategy": "always"}}""".formatted(slowExperiment());

        Map<String, Object> response = Harness.s3(s3).invoke(payload, "request-1", Duration.ofSeconds(8));

        assertEquals("interrupted", response.get("status"));
        assertEquals(1, app.calls("/undo"));
        String key = ((String) response.get("journal")).substring(("s3://" + Harness.BUCKET + "/").length());
        Map<?, ?> journal = (Map<?, ?>) Json.parse(s3.read(Harness.BUCKET, key));
        assertEquals("interrupted", journal.get("status"));
        assertEquals(Map.of("run_id", "slow-1", "verdict", "interrupted", "verdict_reason",
                "the run was interrupted: deadline reached", "reason", "deadline reached"), journal.get("chaos-action"));
        assertEquals(List.of("succeeded"), ((List<?>) journal.get("rollbacks")).stream()
                .map(r -> ((Map<?, ?>) r).get("status")).toList());
    }

    @Test
    void withNoStrategyNamedAnUnattendedRunStillRollsBackAtTheDeadline() {
        String payload = """
                {"experiment": %s, "runId": "slow-2"}""".formatted(slowExperiment());

        Map<String, Object> response = Harness.s3(s3).invoke(payload, "request-2", Duration.ofSeconds(8));

        assertEquals("interrupted", response.get("status"));
        assertEquals(1, app.calls("/undo"), "Lambda's default rollback strategy is always");
    }

    @Test
    void theExperimentsOwnRollbackStrategyIsRespected() {
        String experiment = slowExperiment().replace("\"method\"", "\"runtime\": {\"rollbacks\": {\"strategy\": \"default\"}}, \"method\"");
        String payload = """
                {"experiment": %s, "runId": "slow-3"}""".formatted(experiment);

        Map<String, Object> response = Harness.s3(s3).invoke(payload, "request-3", Duration.ofSeconds(8));

        assertEquals("interrupted", response.get("status"));
        assertEquals(0, app.calls("/undo"), "Chaos Toolkit's default skips rollbacks of an interrupted run");
    }
}
