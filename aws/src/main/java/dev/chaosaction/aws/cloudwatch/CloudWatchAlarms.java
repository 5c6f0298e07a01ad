package dev.chaosaction.aws.cloudwatch;

import dev.chaosaction.safety.AlarmSource;
import dev.chaosaction.safety.StopCondition;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * CloudWatch alarms as a stop condition, as AWS FIS uses them: breached as soon as one of them is in ALARM.
 * One {@code DescribeAlarms} call reads them all (metric and composite alarms). Fail-safe: an alarm that does
 * not exist (FIS refuses to start then) or a call that fails counts as breached.
 */
public final class CloudWatchAlarms implements StopCondition {
    private final Supplier<CloudWatchClient> cloudWatch;
    private final List<String> names;
    private CloudWatchClient client;

    /** @param cloudWatch asked once, at the first check, so that a run without alarms never makes a client */
    public CloudWatchAlarms(Supplier<CloudWatchClient> cloudWatch, List<String> names) {
        this.cloudWatch = cloudWatch;
        this.names = List.copyOf(names);
    }

    /** How the engine reads stop alarms with {@code cloudWatch} (asked at the first check). */
    public static AlarmSource source(Supplier<CloudWatchClient> cloudWatch) {
        return names -> new CloudWatchAlarms(cloudWatch, names);
    }

    @Override
    public synchronized Optional<String> breached() {
        try {
            if (client == null) client = cloudWatch.get();
            DescribeAlarmsResponse response = client.describeAlarms(r -> r.alarmNames(names)
                    .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM));
            for (var alarm : response.metricAlarms()) {
                if (alarm.stateValue() == StateValue.ALARM) return inAlarm(alarm.alarmName(), alarm.stateReason());
            }
            for (var alarm : response.compositeAlarms()) {
                if (alarm.stateValue() == StateValue.ALARM) return inAlarm(alarm.alarmName(), alarm.stateReason());
            }
            List<String> found = new java.util.ArrayList<>();
            response.metricAlarms().forEach(a -> found.add(a.alarmName()));
            response.compositeAlarms().forEach(a -> found.add(a.alarmName()));
            return names.stream().filter(n -> !found.contains(n)).findFirst()
                    .map(n -> "CloudWatch alarm " + n + " does not exist; stopping to be safe");
        } catch (RuntimeException e) {
            return Optional.of("CloudWatch alarms could not be read (" + e.getMessage() + "); stopping to be safe");
        }
    }

    private static Optional<String> inAlarm(String name, String reason) {
        return Optional.of("stop condition: CloudWatch alarm " + name + " is in ALARM"
                + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"));
    }
}
