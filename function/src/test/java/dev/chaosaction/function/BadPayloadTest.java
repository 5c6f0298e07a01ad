package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is answered {@code invalid} with a path into the payload; it never raises and never runs. */
class BadPayloadTest {
    private static final String EXPERIMENT = Samples.probeOnly("http://127.0.0.1:1/never-called");

    @TempDir
    Path journals;

    private Map<String, Object> invoke(String payload) {
        return Harness.directory(journals).invoke(payload);
    }

    private static Map<String, Object> invalid(String path, String message) {
        return Map.of("status", "invalid", "errors", List.of(Map.of("path", path, "message", message)));
    }

    private void assertNothingStored() throws Exception {
        try (var files = Files.walk(journals)) {
            assertEquals(List.of(journals), files.toList());
        }
    }

    @Test
    void aPayloadThatIsNotJson() throws Exception {
        Map<String, Object> response = invoke("{\"experiment\": ");

        assertEquals("invalid", response.get("status"));
        @SuppressWarnings("unchecked")
        Map<String, Object> error = ((List<Map<String, Object>>) response.get("errors")).getFirst();
        assertEquals("", error.get("path"));
        assertTrue(((String) error.get("message")).startsWith("the payload is not valid JSON at line 1, column "),
                (String) error.get("message"));
        assertNothingStored();
    }

    @Test
    void anEmptyPayloadOrOneThatIsNotAnObject() {
        assertEquals(invalid("", "the payload is empty"), invoke(""));
        assertEquals(invalid("", "the payload must be a JSON object, not list"), invoke("[1, 2]"));
        assertEquals(invalid("", "the payload must be a JSON object, not str"), invoke("\"s3://b/k.json\""));
    }

    @Test
    void anObjectThatIsNeitherAnExperimentNorARequestNorAnEvent() {
        assertEquals(invalid("", "expected an experiment (with a method), a request (with an experiment) or an "
                + "EventBridge event (with detail-type and detail)"), invoke("{\"title\": \"no method\"}"));
    }

    @Test
    void unknownFieldsOfARequestAndOfItsSettings() {
        String payload = """
                {"experiment": %s, "runID": "x", "settings": {"dry": "actions", "fail_fast": true}}""".formatted(EXPERIMENT);

        assertEquals(Map.of("status", "invalid", "errors", List.of(
                Map.of("path", "/runID", "message",
                        "unknown field; expected configuration, experiment, runId, scheduleArn, scheduledTime, settings, stopAlarms"),
                Map.of("path", "/settings/fail_fast", "message",
                        "unknown setting; expected dry, failFast, hypothesisFrequency, hypothesisStrategy, rollbackStrategy"))),
                invoke(payload));
    }

    @Test
    void wrongTypesAndValuesInARequest() {
        String payload = """
                {"experiment": 42, "configuration": "x=1", "runId": "a/b",
                 "settings": {"dry": "everything", "failFast": "yes", "hypothesisFrequency": -1,
                              "rollbackStrategy": 3, "hypothesisStrategy": "sometimes"},
                 "scheduleArn": 7}""";

        assertEquals(Map.of("status", "invalid", "errors", List.of(
                Map.of("path", "/experiment", "message",
                        "must be an experiment object, an s3://bucket/key reference or an http(s):// URL"),
                Map.of("path", "/configuration", "message", "must be an object of configuration values"),
                Map.of("path", "/settings/dry", "message",
                        "unknown dry mode 'everything', expected one of: probes, actions, activities, pause"),
                Map.of("path", "/settings/rollbackStrategy", "message", "must be a string"),
                Map.of("path", "/settings/hypothesisStrategy", "message", "unknown hypothesis strategy 'sometimes', "
                        + "expected one of: default, before-method-only, after-method-only, during-method-only, "
                        + "continuously, skip"),
                Map.of("path", "/settings/hypothesisFrequency", "message", "must be a positive number of seconds"),
                Map.of("path", "/settings/failFast", "message", "must be true or false"),
                Map.of("path", "/runId", "message", "must be a string of 1 to 128 letters, digits, '.', '_' or '-', "
                        + "starting with a letter or a digit"),
                Map.of("path", "/scheduleArn", "message", "must be a string"))),
                invoke(payload));
    }

    @Test
    void aReferenceThatIsNotBucketAndKeyOrHasNoKnownExtension() {
        assertEquals(invalid("/experiment", "'s3://bucket-only' is not an s3://bucket/key reference"),
                invoke("{\"experiment\": \"s3://bucket-only\"}"));
        assertEquals(invalid("/experiment", "unsupported experiment file 'exp/run.txt': use a .json, .yaml or .yml file"),
                invoke("{\"experiment\": \"s3://b/exp/run.txt\"}"));
    }

    @Test
    void problemsOfTheExperimentPointIntoThePayloadWhereverItSits() {
        String broken = "{\"title\": \"t\", \"description\": \"d\", \"method\": [{\"type\": \"action\", \"name\": \"a\"}]}";

        Map<String, Object> alone = invoke(broken);
        Map<String, Object> inRequest = invoke("{\"experiment\": " + broken + "}");
        Map<String, Object> inEvent = invoke("{\"id\": \"e\", \"detail-type\": \"x\", \"detail\": {\"experiment\": "
                + broken + "}}");

        assertEquals(invalid("/method/0/provider", "an activity requires a provider"), alone);
        assertEquals(invalid("/experiment/method/0/provider", "an activity requires a provider"), inRequest);
        assertEquals(invalid("/detail/experiment/method/0/provider", "an activity requires a provider"), inEvent);
    }

    @Test
    void anEventBridgeEventWhoseDetailIsNotAnObject() {
        assertEquals(invalid("/detail", "an EventBridge event's detail must be an experiment or a request object"),
                invoke("{\"id\": \"e\", \"detail-type\": \"Scheduled Event\", \"detail\": \"run it\"}"));
        assertEquals(invalid("/detail", "expected an experiment (with a method), a request (with an experiment) or "
                + "an EventBridge event (with detail-type and detail)"),
                invoke("{\"id\": \"e\", \"detail-type\": \"Scheduled Event\", \"detail\": {}}"));
    }
}
