package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.safety.StopAlarms;
import dev.chaosaction.testing.MotoServer;
import dev.chaosaction.testing.TestFunctions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
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
 * Stop alarms in the function, on moto's CloudWatch: the template's ({@value StopAlarms#ENV}) and an
 * invocation's own ({@code stopAlarms}); an alarm in ALARM stops the run, the response and the stored journal
 * say which, the rollbacks play.
 */
@Timeout(60)
class StopAlarmsFunctionTest {
    @RegisterExtension
    static final MotoServer MOTO = MotoServer.endpointOnly();
    private final S3TestServer s3 = new S3TestServer().bucket(Harness.BUCKET);
    private final String id = UUID.randomUUID().toString();
    private final String alarm = "latency-" + id;
    private final String arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + alarm;

    @AfterEach
    void stop() {
        s3.close();
    }

    private CloudWatchClient client() {
        return CloudWatchClient.builder().endpointOverride(MOTO.cloudWatchEndpoint()).region(Region.US_EAST_1)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    private void alarm(StateValue state) {
        try (CloudWatchClient cw = client()) {
            cw.putMetricAlarm(r -> r.alarmName(alarm).namespace("shop").metricName("p99")
                    .statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).threshold(300.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
            cw.setAlarmState(r -> r.alarmName(alarm).stateValue(state).stateReason("p99 above 300 ms"));
        }
    }

    private Map<String, Object> invoke(Map<String, String> env, String runId, String extra) {
        Harness function = Harness.s3(s3, env, List.of(TestFunctions.factory()), this::client);
        String experiment = """
                {"title": "t", "description": "d",
                 "method": [{"type": "action", "name": "a", "provider": {"type": "python", "module": "test.fn",
                   "func": "tick", "arguments": {"name": "%s"}}}],
                 "rollbacks": [{"type": "action", "name": "r", "provider": {"type": "python", "module": "test.fn",
                   "func": "tick", "arguments": {"name": "%s"}}}]}""".formatted(id + "a", id + "r");
        return function.invoke("{\"experiment\": " + experiment + ", \"runId\": \"" + runId + "\"" + extra + "}");
    }

    @Test
    void theDeploymentsAlarmInAlarmStopsTheRunAndTheRollbacksPlay() {
        alarm(StateValue.ALARM);

        Map<String, Object> response = invoke(Map.of(StopAlarms.ENV, arn), id, "");

        assertEquals("interrupted", response.get("status"));
        assertEquals("stop condition: CloudWatch alarm " + alarm + " is in ALARM (p99 above 300 ms)",
                response.get("reason"));
        assertEquals(0, TestFunctions.ticks(id + "a"));
        assertEquals(1, TestFunctions.ticks(id + "r"), "rollbacks play always in the function");
    }

    @Test
    void anInvocationCanAddItsOwnAlarmsButNotMalformedOnes() {
        alarm(StateValue.OK);
        assertEquals("completed", invoke(Map.of(), id, ", \"stopAlarms\": [\"" + arn + "\"]").get("status"));
        assertEquals(1, TestFunctions.ticks(id + "a"));

        alarm(StateValue.ALARM);
        Map<String, Object> stopped = invoke(Map.of(), "again-" + id, ", \"stopAlarms\": [\"" + arn + "\"]");
        assertEquals("interrupted", stopped.get("status"), String.valueOf(stopped));
        assertEquals(1, TestFunctions.ticks(id + "a"), "the second run never acted");

        Map<String, Object> refused = invoke(Map.of(), "bad-" + id, ", \"stopAlarms\": [\"latency\"]");
        assertEquals(List.of(Map.of("path", "/stopAlarms/0",
                "message", "not a CloudWatch alarm ARN (arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME)")),
                refused.get("errors"), String.valueOf(refused));
    }
}
