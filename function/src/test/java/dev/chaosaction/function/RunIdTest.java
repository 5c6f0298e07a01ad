package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chaosaction.experiment.InvalidExperimentException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Where a run id comes from: the request, a schedule's firing, the event, the Lambda request; in that order. */
class RunIdTest {
    private static final String EXPERIMENT = "{\"title\": \"t\", \"method\": []}";

    private static String runId(String payload) throws InvalidExperimentException {
        return Payloads.parse(payload.getBytes(StandardCharsets.UTF_8)).runId("lambda-request");
    }

    private static String event(String detail) {
        return """
                {"id": "event-1", "detail-type": "Scheduled Event", "time": "2024-05-07T10:00:00Z",
                 "resources": ["arn:aws:events:eu-west-1:1:rule/r"], "detail": %s}""".formatted(detail);
    }

    private static String uuid(String text) {
        return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Test
    void theRequestsRunIdWinsEverywhere() throws Exception {
        assertEquals("mine", runId("{\"experiment\": " + EXPERIMENT + ", \"runId\": \"mine\"}"));
        assertEquals("mine", runId(event("{\"experiment\": " + EXPERIMENT + ", \"runId\": \"mine\"}")));
    }

    @Test
    void aSchedulersFiringNamedInTheRequestWinsOverTheRulesFiring() throws Exception {
        String request = """
                {"experiment": %s, "scheduleArn": "arn:s", "scheduledTime": "t1"}""".formatted(EXPERIMENT);
        assertEquals(uuid("arn:s t1"), runId(request));
        assertEquals(uuid("arn:s t1"), runId(event(request)));
    }

    @Test
    void aRulesScheduledEventIsItsRuleAndTime() throws Exception {
        assertEquals(uuid("arn:aws:events:eu-west-1:1:rule/r 2024-05-07T10:00:00Z"), runId(event(EXPERIMENT)));
    }

    @Test
    void anyOtherEventIsItsIdAndAnythingElseTheLambdaRequestId() throws Exception {
        assertEquals("event-1", runId(event(EXPERIMENT).replace("Scheduled Event", "deploy finished")));
        assertEquals(uuid("event 1"), runId(event(EXPERIMENT).replace("Scheduled Event", "x").replace("event-1", "event 1")));
        assertEquals("lambda-request", runId(EXPERIMENT));
        assertEquals("lambda-request", runId("{\"experiment\": " + EXPERIMENT + ", \"scheduleArn\": \"arn:s\"}"));
    }
}
