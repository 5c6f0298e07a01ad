package dev.chaosaction.aws.cloudwatch;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.value.Py;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * The bodies of chaosaws 0.35's {@code chaosaws.cloudwatch.probes}, step for step: the same checks in the same
 * order (so the same failure wins), the same request, the same reduction of the answer to one value.
 */
final class MetricProbes {
    /** What the functions need from the run: a client for the call's settings, the clock, the stop. */
    interface Session {
        CloudWatchClient client() throws ActivityFailed;

        Instant now();

        CancelToken cancel();
    }

    private MetricProbes() {}

    /** The alarm's state value ({@code OK}, {@code ALARM}, {@code INSUFFICIENT_DATA}); metric alarms only. */
    static Object alarmStateValue(Session session, ProbeArgs args) throws ActivityFailed {
        CloudWatchClient client = session.client();
        String name = args.string("alarm_name");
        List<MetricAlarm> alarms = Calls.call("DescribeAlarms", session.cancel(),
                () -> client.describeAlarms(r -> r.alarmNames(name)).metricAlarms());
        if (alarms.isEmpty()) throw new ActivityFailed("CloudWatch alarm name " + name + " not found");
        return alarms.getFirst().stateValueAsString();
    }

    /**
     * One statistic over {@code [now - offset - duration, now - offset]}, one period that long: the first
     * datapoint's {@code statistic} (else its {@code extended_statistic}), 0 when there is none.
     */
    static Object metricStatistics(Session session, ProbeArgs args) throws ActivityFailed {
        CloudWatchClient client = session.client();
        String statistic = args.string("statistic");
        String extended = args.string("extended_statistic");
        if (statistic == null && extended == null) {
            throw new ActivityFailed("You must supply argument for statistic or extended_statistic");
        }
        requireDimensions(args);
        GetMetricStatisticsRequest request = statisticsRequest(args, session.now(), statistic, extended);
        GetMetricStatisticsResponse response = Calls.call("GetMetricStatistics", session.cancel(),
                () -> client.getMetricStatistics(request));
        if (response.datapoints().isEmpty()) return 0L;
        Datapoint datapoint = response.datapoints().getFirst();
        if (Py.truthy(statistic)) return orUnparsable(response, statistic, statistic(datapoint, statistic));
        if (!Py.truthy(extended)) return null;
        if (!datapoint.hasExtendedStatistics()) return orUnparsable(response, "ExtendedStatistics", null);
        return orUnparsable(response, extended, datapoint.extendedStatistics().get(extended));
    }

    /** chaosaws's request: one period as long as the window, the given dimensions else the one named. */
    private static GetMetricStatisticsRequest statisticsRequest(ProbeArgs args, Instant now, String statistic,
                                                                String extended) throws ActivityFailed {
        long duration = args.integer("duration");
        Instant end = now.minusSeconds(args.integer("offset"));
        ParamValidation validation = new ParamValidation();
        List<?> given = args.list("dimensions");
        List<Dimension> dimensions = Py.truthy(given) ? validation.dimensions("Dimensions", given)
                : List.of(validation.dimension("Dimensions[0]", args.raw("dimension_name"),
                        args.raw("dimension_value")));
        validation.check();
        GetMetricStatisticsRequest.Builder request = GetMetricStatisticsRequest.builder()
                .namespace(args.string("namespace")).metricName(args.string("metric_name"))
                .startTime(end.minusSeconds(duration)).endTime(end).period((int) duration).dimensions(dimensions);
        if (Py.truthy(statistic)) request.statisticsWithStrings(statistic);
        if (Py.truthy(extended)) request.extendedStatistics(extended);
        if (Py.truthy(args.string("unit"))) request.unit(args.string("unit"));
        return request.build();
    }

    /** chaosaws's words for the KeyError of a datapoint without the statistic asked for. */
    private static Object orUnparsable(GetMetricStatisticsResponse response, String key, Double value)
            throws ActivityFailed {
        if (value != null) return value;
        throw new ActivityFailed("Unable to parse response '" + response + "': ''" + key + "''");
    }

    /**
     * The datapoints of {@code [now - duration, now - offset]} at {@code period}, reduced as {@code statistic} says
     * (Sum, Minimum, Maximum; any other is their mean) and rounded to two decimals; 0 when there are none.
     */
    static Object metricData(Session session, ProbeArgs args) throws ActivityFailed {
        Instant now = session.now();
        Instant start = now.minusSeconds(args.integer("duration"));
        Instant end = now.minusSeconds(args.integer("offset"));
        requireDimensions(args);
        String statistic = args.string("statistic");
        ParamValidation validation = new ParamValidation();
        List<Dimension> dimensions = dataDimensions(args, validation);
        CloudWatchClient client = session.client();
        validation.string("MetricDataQueries[0].MetricStat.Stat", statistic);
        validation.check();
        String metricName = args.string("metric_name");
        String namespace = args.string("namespace");
        int period = (int) args.integer("period");
        String unit = args.string("unit");
        MetricDataQuery query = MetricDataQuery.builder().id("m1").label(metricName)
                .metricStat(s -> {
                    s.metric(m -> m.namespace(namespace).metricName(metricName).dimensions(dimensions))
                            .period(period).stat(statistic);
                    if (Py.truthy(unit)) s.unit(unit);
                }).build();
        List<MetricDataResult> results = Calls.call("GetMetricData", session.cancel(),
                () -> client.getMetricData(r -> r.metricDataQueries(query).startTime(start).endTime(end))
                        .metricDataResults());
        return reduce(results, statistic);
    }

    /** The given dimensions, else the named one when both its name and value are set, else none (every series). */
    private static List<Dimension> dataDimensions(ProbeArgs args, ParamValidation validation) throws ActivityFailed {
        List<?> given = args.list("dimensions");
        if (Py.truthy(given)) return validation.dimensions("MetricDataQueries[0].MetricStat.Metric.Dimensions", given);
        String name = args.string("dimension_name");
        String value = args.string("dimension_value");
        return Py.truthy(name) && Py.truthy(value) ? List.of(Dimension.builder().name(name).value(value).build())
                : List.of();
    }

    private static Object reduce(List<MetricDataResult> results, String statistic) {
        Map<String, List<Double>> byLabel = new LinkedHashMap<>();
        for (MetricDataResult result : results) {
            byLabel.computeIfAbsent(result.label(), l -> new ArrayList<>()).addAll(result.values());
        }
        Double reduced = null;
        for (List<Double> values : byLabel.values()) {
            if (values.isEmpty()) continue;
            reduced = switch (statistic) {
                case "Sum" -> sum(values);
                case "Minimum" -> values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                case "Maximum" -> values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                default -> mean(values);
            };
        }
        // Python's round(x, 2): the exact binary value rounded half to even, so 2.675 (really 2.67499…) is 2.67.
        if (reduced == null) return 0L; // Python's round(0, 2): the int 0
        return new BigDecimal(reduced).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** Left to right, as Python's {@code sum} adds floats. */
    private static double sum(List<Double> values) {
        double total = 0;
        for (double value : values) total += value;
        return total;
    }

    /** Exactly, as Python's {@code statistics.mean} computes it, before the one rounding to a double. */
    private static double mean(List<Double> values) {
        BigDecimal total = BigDecimal.ZERO;
        for (double value : values) total = total.add(new BigDecimal(value));
        return total.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128).doubleValue();
    }

    private static void requireDimensions(ProbeArgs args) throws ActivityFailed {
        if (args.raw("dimensions") == null && args.raw("dimension_name") == null
                && args.raw("dimension_value") == null) {
            throw new ActivityFailed("You must supply argument for dimensions");
        }
    }

    private static Double statistic(Datapoint datapoint, String statistic) {
        return switch (statistic) {
            case "Average" -> datapoint.average();
            case "Sum" -> datapoint.sum();
            case "SampleCount" -> datapoint.sampleCount();
            case "Minimum" -> datapoint.minimum();
            case "Maximum" -> datapoint.maximum();
            default -> null;
        };
    }
}
