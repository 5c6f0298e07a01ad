package dev.chaosaction.aws.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.config.Overrides;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.RunItem;
import dev.chaosaction.run.Engine;
import dev.chaosaction.run.EngineOptions;
import dev.chaosaction.run.RunControl;
import dev.chaosaction.run.RunListener;
import dev.chaosaction.run.RunSettings;
import dev.chaosaction.safety.StopAlarms;
import dev.chaosaction.testing.MotoServer;
import dev.chaosaction.testing.Runs;
import dev.chaosaction.testing.TestFunctions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * CloudWatch alarms as stop conditions, on moto's server: an alarm that enters ALARM while the method pauses
 * stops the run there (nothing further starts, rollbacks play, the journal names the alarm), as AWS FIS's stop
 * conditions do; an alarm that does not exist stops it before its first activity.
 */
@Timeout(60)
class StopAlarmsRunTest {
    @RegisterExtension
    static final MotoServer MOTO = MotoServer.endpointOnly();
    private static final String ACCOUNT = "123456789012";
    private final String id = UUID.randomUUID().toString();
    private final String alarm = "errors-" + id;
    private final String arn = "arn:aws:cloudwatch:us-east-1:" + ACCOUNT + ":alarm:" + alarm;

    private CloudWatchClient client() {
        return CloudWatchClient.builder().endpointOverride(MOTO.cloudWatchEndpoint()).region(Region.US_EAST_1)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    private void putAlarm() {
        try (CloudWatchClient cw = client()) {
            cw.putMetricAlarm(r -> r.alarmName(alarm).namespace("shop").metricName("errors")
                    .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(1.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        }
    }

    private void setState(StateValue state) {
        try (CloudWatchClient cw = client()) {
            cw.setAlarmState(r -> r.alarmName(alarm).stateValue(state).stateReason("errors above 1%"));
        }
    }

    private String tick(String name, String extra) {
        return TestFunctions.tickActivity("action", name, id + name, extra);
    }

    private Journal run(Map<String, String> env, String runtime) throws InvalidExperimentException {
        Engine engine = new Engine(EngineOptions.of(env, List.of(TestFunctions.factory()))
                .withAlarms(CloudWatchAlarms.source(this::client)));
        String experiment = """
                {"title": "t", "description": "d", "runtime": %s,
                 "method": [%s, %s], "rollbacks": [%s]}""".formatted(runtime,
                tick("a1", ", \"pauses\": {\"after\": 50}"), tick("a2", ""), tick("r", ""));
        return engine.run(engine.prepare(Runs.parse(experiment), Overrides.NONE, true),
                RunSettings.resolve(null, "always", null, 1.0, false, Map.of()), RunListener.NONE,
                new RunControl(), "run-" + id);
    }

    private static List<String> names(List<RunItem> items) {
        return items.stream().map(i -> (String) i.activity().get("name")).toList();
    }

    @Test
    void anAlarmEnteringAlarmDuringAPauseStopsTheRunThereAndTheRollbacksPlay() throws Exception {
        putAlarm();
        setState(StateValue.OK);
        Thread operator = Thread.ofVirtual().start(() -> {
            while (TestFunctions.ticks(id + "a1") == 0) Thread.onSpinWait();
            setState(StateValue.ALARM);
        });

        Journal journal = run(Map.of(StopAlarms.ENV, arn), "{}");
        operator.join();

        assertEquals("interrupted", journal.status());
        assertEquals("stop condition: CloudWatch alarm " + alarm + " is in ALARM (errors above 1%)", journal.reason());
        assertEquals(List.of("a1"), names(journal.run()));
        assertEquals(0, TestFunctions.ticks(id + "a2"));
        assertEquals(List.of("r"), names(journal.rollbacks()));
    }

    @Test
    void theExperimentCanNameItsOwnAlarmsAndAMissingOneStopsTheRunBeforeItActs() throws Exception {
        Journal journal = run(Map.of(), "{\"stop_conditions\": {\"alarms\": [\"" + arn + "\"]}}");

        assertEquals("interrupted", journal.status());
        assertEquals("CloudWatch alarm " + alarm + " does not exist; stopping to be safe", journal.reason());
        assertEquals(List.of(), journal.run());
        assertEquals(0, TestFunctions.ticks(id + "a1"));
    }

    @Test
    void malformedAlarmsAreRefusedByValidationAndAMalformedDeploymentSettingStopsEveryRun() throws Exception {
        var problems = org.junit.jupiter.api.Assertions.assertThrows(InvalidExperimentException.class,
                () -> run(Map.of(), "{\"stop_conditions\": {\"alarms\": [\"errors\"], \"metrics\": 1}}")).problems();
        assertEquals(List.of("/runtime/stop_conditions/metrics", "/runtime/stop_conditions/alarms/0"),
                problems.stream().map(p -> p.path()).toList());

        Journal journal = run(Map.of(StopAlarms.ENV, "errors"), "{}");
        assertEquals("interrupted", journal.status());
        assertTrue(journal.reason().startsWith("stop alarms cannot be read: CHAOS_STOP_ALARMS holds 'errors'"));
        assertEquals(0, TestFunctions.ticks(id + "a1"));
    }
}
