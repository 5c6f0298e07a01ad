package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.testing.MotoServer;
import dev.chaosaction.value.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * chaosaws's CloudWatch probes in the function, on moto: a steady state measured from an alarm and a metric, read
 * with the function's own credentials (the SDK's default chain, here moto's dummy keys as system properties) in the
 * function's region, at the endpoint the SDK finds in the function's own settings. An experiment cannot make the function use another
 * of its identities (a profile), and the function's keys appear nowhere in the journal.
 */
@Timeout(60)
class CloudWatchProbesFunctionTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    private final S3TestServer s3 = new S3TestServer().bucket(Harness.BUCKET);
    private static final String ENDPOINT = "aws.endpointUrlCloudWatch";
    private final String id = UUID.randomUUID().toString();

    private static String savedEndpoint;

    /** The function's CloudWatch endpoint, set as the SDK reads it (the function's environment would say it too). */
    @BeforeAll
    static void endpoint() {
        savedEndpoint = System.getProperty(ENDPOINT);
        System.setProperty(ENDPOINT, MOTO.cloudWatchEndpoint().toString());
    }

    @AfterAll
    static void restore() {
        if (savedEndpoint == null) System.clearProperty(ENDPOINT);
        else System.setProperty(ENDPOINT, savedEndpoint);
    }

    @AfterEach
    void stop() {
        s3.close();
    }

    private static CloudWatchClient client() {
        return CloudWatchClient.builder().endpointOverride(MOTO.cloudWatchEndpoint()).region(Region.of(MotoServer.REGION))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).credentialsProvider(MotoServer.CREDENTIALS)
                .build();
    }

    private void given(StateValue state) {
        try (CloudWatchClient cw = client()) {
            cw.putMetricData(r -> r.namespace("shop-" + id).metricData(d -> d.metricName("errors").value(2.0)
                    .timestamp(Instant.now().minusSeconds(10))));
            cw.putMetricAlarm(r -> r.alarmName("errors-" + id).namespace("shop-" + id).metricName("errors")
                    .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(5.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
            cw.setAlarmState(r -> r.alarmName("errors-" + id).stateValue(state).stateReason("test"));
        }
    }

    private Map<String, Object> invoke(String configuration) {
        Harness function = Harness.s3(s3, Map.of("AWS_REGION", MotoServer.REGION), ChaosFunction.libraries(),
                () -> {
                    throw new AssertionError("no stop alarms here");
                });
        String experiment = """
                {"title": "t", "description": "d", "configuration": %s,
                 "steady-state-hypothesis": {"title": "healthy", "probes": [
                   {"type": "probe", "name": "alarm", "tolerance": "OK", "provider": {"type": "python",
                    "module": "chaosaws.cloudwatch.probes", "func": "get_alarm_state_value",
                    "arguments": {"alarm_name": "errors-%s"}}},
                   {"type": "probe", "name": "errors", "tolerance": {"type": "range", "range": [0, 3]},
                    "provider": {"type": "python", "module": "chaosaws.cloudwatch.probes", "func": "get_metric_data",
                    "arguments": {"namespace": "shop-%s", "metric_name": "errors", "dimensions": [],
                                  "statistic": "Sum"}}}]},
                 "method": []}""".formatted(configuration, id, id);
        return function.invoke("{\"experiment\": " + experiment + ", \"runId\": \"" + id + "\"}");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> journal(Map<String, Object> response) {
        String uri = (String) response.get("journal");
        return (Map<String, Object>) Json.parse(s3.read(Harness.BUCKET,
                uri.substring(("s3://" + Harness.BUCKET + "/").length())));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> probes(Map<String, Object> journal) {
        return (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) journal.get("steady_states"))
                .get("before")).get("probes");
    }

    @Test
    void theSteadyStateIsMeasuredFromCloudWatchWithTheFunctionsCredentials() {
        given(StateValue.OK);
        Map<String, Object> response = invoke("{}");
        assertEquals("completed", response.get("status"), String.valueOf(response));
        Map<String, Object> journal = journal(response);
        assertEquals(List.of("OK", 2.0), probes(journal).stream().map(p -> p.get("output")).toList());
        String text = Json.write(journal);
        assertFalse(text.contains(MotoServer.CREDENTIALS.resolveCredentials().secretAccessKey()), text);
    }

    @Test
    void anAlarmInAlarmBreaksTheSteadyState() {
        given(StateValue.ALARM);
        Map<String, Object> response = invoke("{}");
        assertEquals("unhealthy-before", response.get("verdict"), String.valueOf(response));
        assertEquals("ALARM", probes(journal(response)).getFirst().get("output"));
    }

    @Test
    void anExperimentCannotPickAnotherOfTheFunctionsIdentities() {
        given(StateValue.OK);
        Map<String, Object> response = invoke("{\"aws_profile_name\": \"admin\"}");
        assertEquals("unhealthy-before", response.get("verdict"), String.valueOf(response));
        Map<String, Object> alarm = probes(journal(response)).getFirst();
        assertEquals("failed", alarm.get("status"));
        assertTrue(String.valueOf(alarm.get("exception")).contains(
                "configuration aws_profile_name picks one of the deployment's AWS profiles"), String.valueOf(alarm));
    }
}
