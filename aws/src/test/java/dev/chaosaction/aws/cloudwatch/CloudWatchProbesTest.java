package dev.chaosaction.aws.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.activity.FunctionContext;
import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.testing.MotoServer;
import dev.chaosaction.testing.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each of chaosaws's CloudWatch probes against moto's server (through the CBOR bridge the SDK needs): metrics put
 * with PutMetricData, an alarm with PutMetricAlarm and SetAlarmState, read back as chaosaws returns them, and
 * chaosaws's failures (unknown alarm, missing statistic or dimensions, no region, partial keys, unreachable
 * endpoint), and what an experiment may not choose where its author is not the operator.
 */
@Timeout(120)
class CloudWatchProbesTest {
    @RegisterExtension
    static final MotoServer MOTO = MotoServer.endpointOnly();
    static String NAMESPACE;
    static String ALARM;
    static final Map<String, Object> KEYS = Map.of("aws_access_key_id", "moto-test",
            "aws_secret_access_key", "moto-test-secret");

    private static final Map<String, String> SAVED = new HashMap<>();

    @BeforeAll
    static void putMetricsAndAlarm() {
        CloudWatchFixture fixture = CloudWatchFixture.seed(MOTO);
        NAMESPACE = fixture.namespace();
        ALARM = fixture.alarm();
        // Where the author is not the operator the SDK alone finds the endpoints: the process's settings.
        deploymentSetting("aws.endpointUrlCloudWatch", MOTO.cloudWatchEndpoint().toString());
        deploymentSetting("aws.endpointUrlSts", MOTO.endpoint().toString());
    }

    private static void deploymentSetting(String property, String value) {
        SAVED.put(property, System.getProperty(property));
        System.setProperty(property, value);
    }

    @AfterAll
    static void restore() {
        SAVED.forEach((property, value) -> {
            if (value == null) System.clearProperty(property);
            else System.setProperty(property, value);
        });
    }

    /** The deployment's environment: moto behind the bridge for CloudWatch, moto itself for STS. */
    static Map<String, String> env() {
        return Map.of("AWS_ENDPOINT_URL_CLOUDWATCH", MOTO.cloudWatchEndpoint().toString(),
                "AWS_ENDPOINT_URL", MOTO.endpoint().toString(), "AWS_REGION", MotoServer.REGION);
    }

    private static Object call(String func, Map<String, Object> arguments) throws ActivityFailed {
        return call(func, arguments, Map.of(), KEYS, env(), CredentialScope.OPERATOR);
    }

    private static Object call(String func, Map<String, Object> arguments, Map<String, Object> configuration,
                               Map<String, Object> secrets, Map<String, String> env, CredentialScope scope)
            throws ActivityFailed {
        try (FunctionLibrary library = new ProbeLibrary(env, scope, Clock.systemUTC())) {
            FunctionLibrary.Entry entry = library.find(ProbeLibrary.MODULE, func).orElseThrow();
            assertEquals(List.of(), entry.signature().bind(arguments, "arguments", false));
            return entry.function().call(entry.signature().withDefaults(arguments),
                    new FunctionContext(configuration, secrets, new CancelToken(), false, Map.of()));
        }
    }

    private static Map<String, Object> latency(Object... more) {
        Map<String, Object> arguments = new HashMap<>(Map.of("namespace", NAMESPACE, "metric_name", "latency"));
        for (int i = 0; i < more.length; i += 2) arguments.put((String) more[i], more[i + 1]);
        return arguments;
    }

    private static String failure(String func, Map<String, Object> arguments) {
        return assertThrows(ActivityFailed.class, () -> call(func, arguments)).getMessage();
    }

    @Test
    void alarmStateValueIsTheAlarmsState() throws ActivityFailed {
        assertEquals("ALARM", call("get_alarm_state_value", Map.of("alarm_name", ALARM)));
    }

    @Test
    void anUnknownAlarmFails() {
        assertEquals("CloudWatch alarm name nope-" + ALARM + " not found",
                failure("get_alarm_state_value", Map.of("alarm_name", "nope-" + ALARM)));
    }

    @Test
    void metricStatisticsIsTheFirstDatapointsStatistic() throws ActivityFailed {
        assertEquals(210.0, call("get_metric_statistics", latency("dimension_name", "svc",
                "dimension_value", "api", "statistic", "Average", "duration", 120L)));
        assertEquals(630.0, call("get_metric_statistics", latency("dimensions",
                List.of(Map.of("Name", "svc", "Value", "api")), "statistic", "Sum", "duration", 120L)));
        assertEquals(330.0, call("get_metric_statistics", latency("dimension_name", "svc",
                "dimension_value", "api", "statistic", "Maximum", "duration", 120L, "unit", "Milliseconds")));
    }

    @Test
    void metricStatisticsWithoutDatapointsIsZero() throws ActivityFailed {
        assertEquals(0L, call("get_metric_statistics", latency("dimension_name", "svc",
                "dimension_value", "api", "statistic", "Average", "offset", 3600L)));
    }

    @Test
    void aStatisticTheDatapointLacksCannotBeParsed() {
        // moto computes no percentiles: the datapoint has no ExtendedStatistics, as chaosaws then says.
        String message = failure("get_metric_statistics", latency("dimension_name", "svc", "dimension_value", "api",
                "extended_statistic", "p99", "duration", 120L));
        assertTrue(message.startsWith("Unable to parse response '") && message.endsWith("': ''ExtendedStatistics''"),
                message);
    }

    @Test
    void metricStatisticsNeedsAStatisticAndDimensions() {
        assertEquals("You must supply argument for statistic or extended_statistic",
                failure("get_metric_statistics", latency("dimension_name", "svc", "dimension_value", "api")));
        assertEquals("You must supply argument for dimensions",
                failure("get_metric_statistics", latency("statistic", "Sum")));
        assertEquals("Parameter validation failed:\nInvalid type for parameter Dimensions[0].Value, value: None,"
                        + " type: <class 'NoneType'>, valid types: <class 'str'>",
                failure("get_metric_statistics", latency("dimension_name", "svc", "statistic", "Sum")));
        assertEquals("Parameter validation failed:\nMissing required parameter in Dimensions[0]: \"Value\"\n"
                        + "Unknown parameter in Dimensions[0]: \"value\", must be one of: Name, Value",
                failure("get_metric_statistics", latency("dimensions", List.of(Map.of("Name", "svc", "value", "api")),
                        "statistic", "Sum")));
    }

    @Test
    void metricDataReducesTheValuesAsTheStatisticSays() throws ActivityFailed {
        assertEquals(210.0, call("get_metric_data", latency("dimension_name", "svc", "dimension_value", "api",
                "statistic", "Average")));
        // Period 1: every value its own datapoint, so Maximum and Minimum pick among them.
        assertEquals(330.0, call("get_metric_data", latency("dimensions", List.of(Map.of("Name", "svc",
                "Value", "api")), "statistic", "Maximum", "period", 1L)));
        assertEquals(100.0, call("get_metric_data", latency("dimension_name", "svc", "dimension_value", "api",
                "statistic", "Minimum", "period", 1L)));
        assertEquals(630.0, call("get_metric_data", latency("dimension_name", "svc", "dimension_value", "api",
                "statistic", "Sum", "unit", "Milliseconds")));
        // A name without a value filters nothing, as in chaosaws.
        assertEquals(3.0, call("get_metric_data", latency("dimension_name", "svc", "statistic", "SampleCount")));
    }

    @Test
    void metricDataRoundsAsPythonDoes() throws ActivityFailed {
        try (var cw = CloudWatchFixture.client(MOTO)) {
            cw.putMetricData(r -> r.namespace(NAMESPACE).metricData(d -> d.metricName("ratio").value(2.675)
                    .timestamp(java.time.Instant.now().minusSeconds(20))));
        }
        // 2.675 is 2.67499999… in binary: Python's round(x, 2) gives 2.67, not the 2.68 of decimal half-up.
        assertEquals(2.67, call("get_metric_data", Map.of("namespace", NAMESPACE, "metric_name", "ratio",
                "dimensions", List.of(), "dimension_name", "", "statistic", "Sum")));
    }

    @Test
    void metricDataWithoutValuesIsZero() throws ActivityFailed {
        assertEquals(0L, call("get_metric_data", Map.of("namespace", NAMESPACE, "metric_name", "nothing",
                "dimension_name", "svc", "dimension_value", "api", "statistic", "Sum")));
    }

    @Test
    void metricDataNeedsDimensionsAndAStatistic() {
        assertEquals("You must supply argument for dimensions", failure("get_metric_data", latency("statistic", "Sum")));
        assertEquals("Parameter validation failed:\nInvalid type for parameter MetricDataQueries[0].MetricStat.Stat,"
                        + " value: None, type: <class 'NoneType'>, valid types: <class 'str'>",
                failure("get_metric_data", latency("dimension_name", "svc", "dimension_value", "api")));
    }

    @Test
    void theRegionIsTheConfigurationsElseTheDeployments() throws ActivityFailed {
        Map<String, String> otherRegion = new HashMap<>(env());
        otherRegion.put("AWS_REGION", "us-east-1");
        Map<String, Object> alarm = Map.of("alarm_name", ALARM);
        assertEquals("ALARM", call("get_alarm_state_value", alarm, Map.of("aws_region", MotoServer.REGION), KEYS,
                otherRegion, CredentialScope.DEPLOYMENT));
        // moto keeps each region's alarms apart: the deployment's region has none of that name.
        assertThrows(ActivityFailed.class, () -> call("get_alarm_state_value", alarm, Map.of(), KEYS, otherRegion,
                CredentialScope.DEPLOYMENT));
        otherRegion.remove("AWS_REGION");
        otherRegion.put("AWS_DEFAULT_REGION", MotoServer.REGION);
        assertEquals("ALARM", call("get_alarm_state_value", alarm, Map.of(), KEYS, otherRegion,
                CredentialScope.DEPLOYMENT));
    }

    @Test
    void withoutARegionEveryProbeFails() {
        Map<String, String> noRegion = new HashMap<>(env());
        noRegion.remove("AWS_REGION");
        ActivityFailed e = assertThrows(ActivityFailed.class, () -> call("get_alarm_state_value",
                Map.of("alarm_name", ALARM), Map.of("aws_region", ""), KEYS, noRegion, CredentialScope.OPERATOR));
        assertEquals("AWS requires a region to be set!", e.getMessage());
    }

    @Test
    void oneKeyWithoutTheOtherFails() {
        ActivityFailed e = assertThrows(ActivityFailed.class, () -> call("get_alarm_state_value",
                Map.of("alarm_name", ALARM), Map.of(), Map.of("aws_access_key_id", "moto-test"), env(),
                CredentialScope.OPERATOR));
        assertEquals("Partial credentials found in explicit, missing: aws_secret_access_key", e.getMessage());
    }

    @Test
    void anUnreachableEndpointFailsInOneLine() {
        Map<String, String> closed = new HashMap<>(env());
        closed.put("AWS_ENDPOINT_URL_CLOUDWATCH", "http://127.0.0.1:" + Peers.freeLoopbackPort());
        ActivityFailed e = assertThrows(ActivityFailed.class, () -> call("get_metric_data",
                latency("dimension_name", "svc", "dimension_value", "api", "statistic", "Sum"), Map.of(), KEYS,
                closed, CredentialScope.OPERATOR));
        assertTrue(e.getMessage().startsWith("GetMetricData failed: ") && !e.getMessage().contains("\n"),
                e.getMessage());
    }

    @Test
    void whereTheAuthorIsNotTheOperatorTheRunsEnvironmentCannotMoveTheEndpoint() throws ActivityFailed {
        // A var file's AWS_ENDPOINT_URL_CLOUDWATCH, say, pointing at a host of the author's: not followed.
        Map<String, String> elsewhere = new HashMap<>(env());
        elsewhere.put("AWS_ENDPOINT_URL_CLOUDWATCH", "http://127.0.0.1:" + Peers.freeLoopbackPort());
        assertEquals("ALARM", call("get_alarm_state_value", Map.of("alarm_name", ALARM), Map.of(), KEYS, elsewhere,
                CredentialScope.DEPLOYMENT));
        assertThrows(ActivityFailed.class, () -> call("get_alarm_state_value", Map.of("alarm_name", ALARM), Map.of(),
                KEYS, elsewhere, CredentialScope.OPERATOR));
    }

    @Test
    void aRoleIsAssumedWithTheExperimentsKeysWherever() throws ActivityFailed {
        Map<String, Object> role = Map.of("aws_assume_role_arn", "arn:aws:iam::123456789012:role/chaos");
        for (CredentialScope scope : CredentialScope.values()) {
            assertEquals("ALARM", call("get_alarm_state_value", Map.of("alarm_name", ALARM), role, KEYS, env(),
                    scope));
        }
    }

    @Test
    void whereTheAuthorIsNotTheOperatorNoOtherIdentityOfTheDeploymentIsPicked() {
        Map<String, Object> alarm = Map.of("alarm_name", ALARM);
        String profile = assertThrows(ActivityFailed.class, () -> call("get_alarm_state_value", alarm,
                Map.of("aws_profile_name", "admin"), Map.of(), env(), CredentialScope.DEPLOYMENT)).getMessage();
        assertTrue(profile.startsWith("configuration aws_profile_name picks one of the deployment's AWS profiles"),
                profile);
        String role = assertThrows(ActivityFailed.class, () -> call("get_alarm_state_value", alarm,
                Map.of("aws_assume_role_arn", "arn:aws:iam::123456789012:role/admin"), Map.of(), env(),
                CredentialScope.DEPLOYMENT)).getMessage();
        assertTrue(role.startsWith("configuration aws_assume_role_arn would assume a role with the deployment's"),
                role);
    }

    @Test
    void onTheCommandLineAProfileIsTheOperatorsToName() throws Exception {
        Path credentials = Files.createTempFile("aws-credentials", "");
        Files.writeString(credentials, "[chaos]\naws_access_key_id = moto-test\naws_secret_access_key = moto-test\n");
        String saved = System.getProperty("aws.sharedCredentialsFile");
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        try {
            assertEquals("ALARM", call("get_alarm_state_value", Map.of("alarm_name", ALARM),
                    Map.of("aws_profile_name", "chaos"), Map.of(), env(), CredentialScope.OPERATOR));
        } finally {
            if (saved == null) System.clearProperty("aws.sharedCredentialsFile");
            else System.setProperty("aws.sharedCredentialsFile", saved);
            Files.delete(credentials);
        }
    }

    @Test
    void theFunctionsAreChaosawssSignatures() {
        try (FunctionLibrary library = CloudWatch.libraryFactory(CredentialScope.OPERATOR)
                .create(Map.of(), Map.of(), Map.of())) {
            assertEquals(List.of("get_alarm_state_value", "get_metric_statistics", "get_metric_data"),
                    library.signatures().stream().map(s -> s.func()).toList());
            assertTrue(library.signatures().stream().noneMatch(s -> s.mutates()));
            var data = library.find(ProbeLibrary.MODULE, "get_metric_data").orElseThrow().signature();
            assertEquals(List.of("argument 'metric' is not part of the function signature in activity"
                            + " 'get_metric_data'"),
                    data.bind(Map.of("namespace", "n", "metric_name", "m", "metric", "x"), "a", false).stream()
                            .map(p -> p.message()).toList());
            assertEquals(300L, data.withDefaults(Map.of()).get("duration"));
            assertEquals(60L, data.withDefaults(Map.of()).get("period"));
        }
    }
}
