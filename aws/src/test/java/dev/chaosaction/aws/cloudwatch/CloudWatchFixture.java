package dev.chaosaction.aws.cloudwatch;

import dev.chaosaction.testing.MotoServer;
import java.time.Instant;
import java.util.UUID;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * What the probe tests read from moto, put there through its CloudWatch API: three {@code latency} values (100,
 * 200 and 330 ms, dimension {@code svc=api}) 20 s ago in a namespace of their own, and a metric alarm set to ALARM.
 *
 * @param namespace the metrics' namespace, unique to the test class
 * @param alarm     the alarm's name, unique too
 */
public record CloudWatchFixture(String namespace, String alarm) {

    /** Puts the metrics and the alarm into {@code moto}'s region {@link MotoServer#REGION}. */
    public static CloudWatchFixture seed(MotoServer moto) {
        CloudWatchFixture fixture = new CloudWatchFixture("shop-" + UUID.randomUUID(), "errors-" + UUID.randomUUID());
        try (CloudWatchClient cw = client(moto)) {
            Instant at = Instant.now().minusSeconds(20);
            for (double value : new double[] {100, 200, 330}) {
                cw.putMetricData(r -> r.namespace(fixture.namespace()).metricData(d -> d.metricName("latency")
                        .dimensions(Dimension.builder().name("svc").value("api").build())
                        .value(value).unit(StandardUnit.MILLISECONDS).timestamp(at)));
            }
            cw.putMetricAlarm(r -> r.alarmName(fixture.alarm()).namespace(fixture.namespace()).metricName("errors")
                    .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(1.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
            cw.setAlarmState(r -> r.alarmName(fixture.alarm()).stateValue(StateValue.ALARM)
                    .stateReason("errors above 1"));
        }
        return fixture;
    }

    /** A client of moto's CloudWatch (behind the CBOR bridge) with moto's dummy credentials. */
    public static CloudWatchClient client(MotoServer moto) {
        return CloudWatchClient.builder().endpointOverride(moto.cloudWatchEndpoint())
                .region(Region.of(MotoServer.REGION)).credentialsProvider(MotoServer.CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }
}
