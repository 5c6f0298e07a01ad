package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.value.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The handler end to end against a real S3-compatible server with the real SDK client: journals at their
 * keys, the run lock, duplicate deliveries, experiments referenced in S3, the log lines and the metrics record.
 */
@Timeout(60)
class ChaosHandlerS3Test {
    private static final S3TestServer S3 = new S3TestServer().bucket(Harness.BUCKET).bucket("experiments");

    private final LocalServer app = new LocalServer().reply("/health", Reply.json(200, "{\"status\": \"UP\"}"));
    private final Harness function = Harness.s3(S3);
    private final String runId = "run-" + UUID.randomUUID();

    @AfterEach
    void stopApp() {
        app.close();
    }

    @AfterAll
    static void stopS3() {
        S3.close();
    }

    private String experiment() {
        return Samples.probeOnly(app.url("/health"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stored(Map<String, Object> response) {
        String uri = (String) response.get("journal");
        String prefix = "s3://" + Harness.BUCKET + "/";
        assertTrue(uri.startsWith(prefix), uri);
        return (Map<String, Object>) Json.parse(S3.read(Harness.BUCKET, uri.substring(prefix.length())));
    }

    @Test
    void aRequestRunsAndItsJournalIsStoredUnderTheDayTheSlugAndTheRunId() {
        Map<String, Object> response = function.invoke(Samples.request(experiment(), runId));

        assertEquals(List.of("runId", "verdict", "verdictReason", "status", "deviated", "journal", "durationSeconds",
                "report"), List.copyOf(response.keySet()));
        assertEquals(runId, response.get("runId"));
        assertEquals("completed", response.get("status"));
        assertEquals(false, response.get("deviated"));
        Map<String, Object> journal = stored(response);
        String day = OffsetDateTime.parse((String) journal.get("start")).atZoneSameInstant(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy/MM/dd"));
        assertEquals("s3://journals/journals/" + day + "/checkout-stays-up/" + runId + ".json", response.get("journal"));
        assertEquals("completed", journal.get("status"));
        assertEquals(Map.of("run_id", runId, "verdict", "not-injected",
                "verdict_reason", "the method ran no action, so no fault was injected"), journal.get("chaos-action"));
        assertEquals(response.get("durationSeconds"), journal.get("duration"));
        assertEquals(3, app.calls("/health"));
    }

    @Test
    void aRunLeavesItsHtmlReportBesideItsJournal() {
        Map<String, Object> response = function.invoke(Samples.request(experiment(), runId));

        String journal = (String) response.get("journal");
        assertEquals(journal.substring(0, journal.length() - ".json".length()) + ".html", response.get("report"));
        String page = S3.read(Harness.BUCKET, ((String) response.get("report")).substring(("s3://" + Harness.BUCKET
                + "/").length()));
        assertTrue(page.startsWith("<!DOCTYPE html>"), page);
        assertTrue(page.contains("<strong>Checkout stays up</strong>"), page);
        assertTrue(page.contains("<title id=\"chart-"), "the probe's status is charted: " + page);
        assertTrue(page.contains("health · status over the run</title>"), page);
    }

    @Test
    void theRunLockHoldsTheResultOnceTheRunIsOver() {
        Map<String, Object> response = function.invoke(Samples.request(experiment(), runId));

        assertEquals(response, ((Map<?, ?>) Json.parse(S3.read(Harness.BUCKET, "journals/runs/" + runId + ".lock")))
                .get("state"));
    }

    @Test
    void aDuplicateDeliveryReturnsTheFirstResultAndRunsNothing() {
        String payload = Samples.request(experiment(), runId);
        Map<String, Object> first = function.invoke(payload, "request-1", Duration.ofMinutes(15));
        Map<String, Object> second = function.invoke(payload, "request-2", Duration.ofMinutes(15));

        assertEquals(first, second);
        assertEquals(3, app.calls("/health"));
        assertEquals(1, function.logged("duplicate").size());
        assertEquals(1, function.metrics().size());
    }

    @Test
    void aRunWhoseLockIsTakenButNotCompletedAnswersRunning() {
        S3.put(Harness.BUCKET, "journals/runs/" + runId + ".lock",
                "{\"claim\": \"another\", \"state\": {\"runId\": \"" + runId + "\", \"status\": \"running\"}}");

        assertEquals(Map.of("runId", runId, "status", "running"), function.invoke(Samples.request(experiment(), runId)));
        assertEquals(0, app.calls("/health"));
    }

    @Test
    void aSchedulersFiringIsItsRunIdSoItsRetriesRunOnce() {
        String arn = "arn:aws:scheduler:eu-west-1:123456789012:schedule/default/" + runId;
        String payload = """
                {"experiment": %s, "scheduleArn": "%s", "scheduledTime": "2024-05-07T10:00:00Z"}"""
                .formatted(experiment(), arn);
        Map<String, Object> first = function.invoke(payload, "attempt-1", Duration.ofMinutes(15));
        Map<String, Object> retry = function.invoke(payload, "attempt-2", Duration.ofMinutes(15));
        Map<String, Object> next = function.invoke(payload.replace("10:00:00Z", "11:00:00Z"), "attempt-3",
                Duration.ofMinutes(15));

        assertEquals(nameUuid(arn + " 2024-05-07T10:00:00Z"), first.get("runId"));
        assertEquals(first, retry);
        assertEquals(nameUuid(arn + " 2024-05-07T11:00:00Z"), next.get("runId"));
        assertEquals(6, app.calls("/health"));
    }

    @Test
    void schedulerPlaceholdersLeftAsTheyAreDoNotMakeARunId() {
        String payload = """
                {"experiment": %s, "scheduleArn": "<aws.scheduler.schedule-arn>",
                 "scheduledTime": "<aws.scheduler.scheduled-time>"}""".formatted(experiment());

        assertEquals(runId, function.invoke(payload, runId, Duration.ofMinutes(15)).get("runId"));
    }

    @Test
    void anEventBridgeScheduledEventIsIdentifiedByItsRuleAndTime() {
        String rule = "arn:aws:events:eu-west-1:123456789012:rule/" + runId;
        String payload = """
                {"version": "0", "id": "%s", "detail-type": "Scheduled Event", "source": "aws.events",
                 "account": "123456789012", "time": "2024-05-07T10:00:00Z", "region": "eu-west-1",
                 "resources": ["%s"], "detail": {"experiment": %s}}"""
                .formatted(UUID.randomUUID(), rule, experiment());

        Map<String, Object> response = function.invoke(payload);

        assertEquals(nameUuid(rule + " 2024-05-07T10:00:00Z"), response.get("runId"));
        assertEquals("completed", response.get("status"));
    }

    @Test
    void anEventBridgeEventCarryingTheExperimentIsIdentifiedByItsId() {
        String payload = """
                {"version": "0", "id": "%s", "detail-type": "chaos run", "source": "shop.deploys",
                 "time": "2024-05-07T10:00:00Z", "resources": [], "detail": %s}""".formatted(runId, experiment());

        Map<String, Object> response = function.invoke(payload);

        assertEquals(runId, response.get("runId"));
        assertEquals("completed", response.get("status"));
        assertEquals(3, app.calls("/health"));
    }

    @Test
    void anExperimentUploadedToTheBucketRunsOnceForItsObjectCreatedEvent() {
        S3.put("experiments", "experiments/checkout.json", experiment());
        String payload = """
                {"version": "0", "id": "%s", "detail-type": "Object Created", "source": "aws.s3",
                 "time": "2024-05-07T10:00:00Z", "resources": ["arn:aws:s3:::experiments"],
                 "detail": {"version": "0", "bucket": {"name": "experiments"},
                            "object": {"key": "experiments/checkout.json", "size": 5, "sequencer": "617f08299329d189"},
                            "reason": "PutObject"}}""".formatted(runId);

        Map<String, Object> first = function.invoke(payload, "delivery-1", Duration.ofMinutes(15));
        Map<String, Object> again = function.invoke(payload, "delivery-2", Duration.ofMinutes(15));

        assertEquals(runId, first.get("runId"));
        assertEquals("completed", first.get("status"));
        assertEquals("not-injected", first.get("verdict"), "a probe-only method injects nothing");
        assertEquals(first, again, "EventBridge's second delivery of the upload runs nothing");
        assertEquals(3, app.calls("/health"));

        Map<String, Object> missing = function.invoke(payload.replace("checkout.json", "gone.json"));
        assertEquals("invalid", missing.get("status"));
        assertEquals(List.of(Map.of("path", "/detail/object/key",
                "message", "s3://experiments/experiments/gone.json does not exist")), missing.get("errors"));
    }

    @Test
    void anS3NotificationRunsTheObjectItsKeyNamesOncePerVersion() {
        S3.put("experiments", "experiments/check out!.json", experiment());
        String v1 = EventTypesLoadingTest.NOTIFICATION.formatted("v1");

        Map<String, Object> first = function.invoke(v1, "delivery-1", Duration.ofMinutes(15));
        Map<String, Object> again = function.invoke(v1, "delivery-2", Duration.ofMinutes(15));
        Map<String, Object> next = function.invoke(EventTypesLoadingTest.NOTIFICATION.formatted("v2"));

        assertEquals("completed", first.get("status"), first.toString());
        assertEquals(first, again, "S3's repeated notification of one upload runs nothing");
        assertTrue(!first.get("runId").equals(next.get("runId")), "a new version is a new run");
        assertEquals(6, app.calls("/health"));
        Map<String, Object> removed = function.invoke(v1.replace("ObjectCreated:Put", "ObjectRemoved:Delete"));
        assertEquals("invalid", removed.get("status"));
    }

    @Test
    void anExperimentSentAsItIsRunsUnderTheLambdaRequestId() {
        Map<String, Object> response = function.invoke(experiment(), runId, Duration.ofMinutes(15));

        assertEquals(runId, response.get("runId"));
        assertEquals("completed", stored(response).get("status"));
    }

    @Test
    void anExperimentInS3IsReadInTheFormatOfItsKey() {
        S3.put("experiments", runId + "/checkout.yaml", """
                title: From YAML
                description: one probe
                method:
                  - type: probe
                    name: look
                    provider: {type: http, url: "%s"}
                """.formatted(app.url("/health")));

        Map<String, Object> response = function.invoke(
                "{\"experiment\": \"s3://experiments/" + runId + "/checkout.yaml\", \"runId\": \"" + runId + "\"}");

        assertEquals("completed", response.get("status"));
        assertTrue(((String) response.get("journal")).endsWith("/from-yaml/" + runId + ".json"), (String) response.get("journal"));
        assertEquals(1, app.calls("/health"));
    }

    @Test
    void anS3ReferenceToAMissingObjectIsInvalid() {
        Map<String, Object> response = function.invoke("{\"experiment\": \"s3://experiments/nope/missing.json\"}");

        assertEquals(Map.of("status", "invalid", "errors", List.of(Map.of("path", "/experiment",
                "message", "s3://experiments/nope/missing.json does not exist"))), response);
    }

    @Test
    void problemsInAnExperimentInS3PointBelowTheReference() {
        S3.put("experiments", runId + ".json", "{\"title\": \"t\", \"description\": \"d\", \"method\": [{}]}");

        Map<String, Object> response = function.invoke("{\"experiment\": \"s3://experiments/" + runId + ".json\"}");

        assertEquals("invalid", response.get("status"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.get("errors");
        assertTrue(errors.stream().allMatch(e -> ((String) e.get("path")).startsWith("/experiment/method/0")), errors.toString());
    }

    @Test
    void configurationValuesReachTheExperimentLikeVars() {
        String experiment = Samples.probeOnly("${health_url}").replace("\"title\": \"Checkout stays up\"",
                "\"title\": \"Checkout stays up\", \"configuration\": {\"health_url\": \"http://127.0.0.1:1/none\"}");
        String payload = "{\"experiment\": " + experiment + ", \"runId\": \"" + runId + "\", "
                + "\"configuration\": {\"health_url\": \"" + app.url("/health") + "\"}}";

        assertEquals("completed", function.invoke(payload).get("status"));
        assertEquals(3, app.calls("/health"));
    }

    @Test
    void settingsChooseHowTheRunGoes() {
        String payload = "{\"experiment\": " + experiment() + ", \"runId\": \"" + runId + "\", "
                + "\"settings\": {\"dry\": \"probes\", \"hypothesisStrategy\": \"before-method-only\"}}";

        Map<String, Object> response = function.invoke(payload);

        assertEquals("completed", response.get("status"));
        Map<String, Object> journal = stored(response);
        assertEquals("probes", ((Map<?, ?>) journal.get("experiment")).get("dry"));
        assertEquals(null, ((Map<?, ?>) journal.get("steady_states")).get("after"));
        assertEquals(0, app.calls("/health"));
    }

    @Test
    void eachPhaseAndActivityIsALogLineWithTheRunIdAndEachRunOneMetricsRecord() {
        function.invoke(Samples.request(experiment(), runId));

        assertEquals(List.of("hypothesis-before", "method", "hypothesis-after"),
                function.logged("phase").stream().map(l -> l.get("phase")).toList());
        assertTrue(function.lines.stream().map(l -> (Map<?, ?>) Json.parse(l))
                .filter(l -> !l.containsKey("_aws")).allMatch(l -> runId.equals(l.get("runId"))), function.lines.toString());
        List<Map<String, Object>> activities = function.logged("activity");
        assertEquals(List.of("health", "look", "health"), activities.stream().map(l -> l.get("activity")).toList());
        assertEquals("succeeded", activities.getFirst().get("status"));
        assertEquals("completed", function.logged("run").getFirst().get("status"));

        Map<String, Object> emf = function.metrics().getFirst();
        assertEquals("checkout-stays-up", emf.get("Experiment"));
        assertEquals(List.of(1L, 0L, 0L, 0L), List.of(emf.get("Runs"), emf.get("Deviated"), emf.get("Failed"),
                emf.get("PodsTerminated")));
        assertEquals("ChaosAction", ((Map<?, ?>) ((List<?>) ((Map<?, ?>) emf.get("_aws")).get("CloudWatchMetrics"))
                .getFirst()).get("Namespace"));
    }

    @Test
    void secretsAreMaskedInTheLogAndTheJournal() {
        String experiment = """
                {"title": "t", "description": "d", "secrets": {"shop": {"token": "s3cr3t-value"}},
                 "method": [{"type": "action", "name": "leak",
                   "provider": {"type": "python", "module": "test.fn", "func": "fail",
                                "arguments": {"message": "token ${token}"}, "secrets": ["shop"]}}]}""";

        Map<String, Object> response = function.invoke(Samples.request(experiment, runId));

        String journal = S3.read(Harness.BUCKET, ((String) response.get("journal")).substring("s3://journals/".length()));
        assertTrue(journal.contains("token ***"), journal);
        assertFalse(journal.contains("s3cr3t-value"));
        assertEquals("token ***", function.logged("activity").getFirst().get("failure"));
        assertTrue(function.lines.stream().noneMatch(l -> l.contains("s3cr3t-value")));
    }

    @Test
    void processProvidersAreRefusedUnlessAllowed() {
        String experiment = """
                {"title": "t", "description": "d",
                 "method": [{"type": "action", "name": "echo", "provider": {"type": "process", "path": "/bin/echo"}}]}""";

        assertEquals(Map.of("status", "invalid", "errors", List.of(Map.of("path", "/experiment/method/0/provider/type",
                "message", "provider type 'process' is not allowed here (allowed: http, python)"))),
                function.invoke(Samples.request(experiment, runId)));
        Harness allowing = Harness.s3(S3, Map.of(FunctionConfig.ALLOWED_PROVIDERS, "http,python,process"));
        assertEquals("completed", allowing.invoke(Samples.request(experiment, runId)).get("status"));
    }

    private static String nameUuid(String text) {
        return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
