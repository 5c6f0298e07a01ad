package dev.chaosaction.prometheus;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.FunctionContext;
import dev.chaosaction.value.Py;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code chaosprometheus.probes} (chaostoolkit-prometheus 0.6.0): the same parameters, the same requests to
 * the server, the same return values (the API's JSON document as it is, or a mean) and the same failure
 * messages.
 */
final class Probes {
    /** {@code nodes_cpu_usage_mean}'s query, as chaosprometheus writes it. */
    static final String NODES_CPU_USAGE = "100 * (1 - avg(rate(node_cpu_seconds_total{mode=\"idle\"}[1m])))";
    /** compute_mean's step: the window cut into this many points (chaosprometheus: {@code / 60 / 5}). */
    private static final int POINTS = 300;

    private final PrometheusApi api;

    Probes(PrometheusApi api) {
        this.api = api;
    }

    /** An instant query ({@code /api/v1/query}), at {@code when} if given. */
    Object query(Map<String, Object> args, FunctionContext context) throws ActivityFailed {
        Map<String, Object> params = params(args);
        if (Py.truthy(args.get("when"))) params.put("time", moment(args.get("when")));
        return ask("/api/v1/query", "Prometheus query", params, args, context);
    }

    /** A range query ({@code /api/v1/query_range}) from {@code start} to {@code end}, every {@code step}. */
    Object queryInterval(Map<String, Object> args, FunctionContext context) throws ActivityFailed {
        Map<String, Object> params = params(args);
        if (Py.truthy(args.get("step"))) params.put("step", args.get("step"));
        params.put("start", moment(args.get("start")));
        params.put("end", moment(args.get("end")));
        return ask("/api/v1/query_range", "Prometheus query range", params, args, context);
    }

    /**
     * The mean of the first series a range query returns over the last {@code window} (ending now), in 300
     * steps: arithmetic, or geometric or harmonic as {@code mean_type} says.
     */
    Object computeMean(Map<String, Object> args, FunctionContext context) throws ActivityFailed {
        ZonedDateTime end = ZonedDateTime.now(ZoneId.systemDefault());
        String window = Py.str(args.get("window"));
        ZonedDateTime start = Dates.parse(window, end)
                .orElseThrow(() -> new ActivityFailed("failed to parse '" + window + "'"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("query", args.get("query"));
        params.put("start", epochSeconds(start));
        params.put("end", epochSeconds(end));
        params.put("step", Duration.between(start, end).toNanos() / 1e9 / POINTS);
        PrometheusApi.Answer answer = api.get(context.configuration(), "/api/v1/query_range", params, true,
                context.cancel());
        if (answer.status() > 399) throw new ActivityFailed("Failed to run Prometheus query");
        if (!(answer.json() instanceof Map<?, ?> response) || !"success".equals(response.get("status"))) {
            throw new ActivityFailed("Prometheus query was not successful");
        }
        return Means.of(Py.str(args.get("mean_type")), firstSeries(response));
    }

    /** compute_mean of the nodes' CPU use ({@link #NODES_CPU_USAGE}) over {@code window}. */
    Object nodesCpuUsageMean(Map<String, Object> args, FunctionContext context) throws ActivityFailed {
        Map<String, Object> mean = new LinkedHashMap<>();
        mean.put("query", NODES_CPU_USAGE);
        mean.put("window", args.get("window"));
        mean.put("mean_type", "arithmetic");
        return computeMean(mean, context);
    }

    /** The parameters every query sends first, in chaosprometheus's order (its messages show them). */
    private static Map<String, Object> params(Map<String, Object> args) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("query", args.get("query"));
        if (args.get("timeout") != null) params.put("timeout", args.get("timeout"));
        return params;
    }

    /** The server's document, or the failure naming {@code what} was asked, with which parameters. */
    private Object ask(String path, String what, Map<String, Object> params, Map<String, Object> args,
                       FunctionContext context) throws ActivityFailed {
        PrometheusApi.Answer answer = api.get(context.configuration(), path, params, verifyTls(args),
                context.cancel());
        if (answer.status() != 200) {
            throw new ActivityFailed(what + " " + Py.repr(params) + " failed: " + answer.text());
        }
        return answer.json();
    }

    private static String moment(Object text) throws ActivityFailed {
        String written = Py.str(text);
        return Dates.rfc3339(Dates.parse(written, ZonedDateTime.now(ZoneId.systemDefault()))
                .orElseThrow(() -> new ActivityFailed("failed to parse '" + written + "'")));
    }

    private static boolean verifyTls(Map<String, Object> args) {
        return args.get("verify_tls") == null || Py.truthy(args.get("verify_tls"));
    }

    private static double epochSeconds(ZonedDateTime moment) {
        return moment.toInstant().toEpochMilli() / 1000.0;
    }

    /** The values of {@code data.result[0].values}, each {@code [time, "value"]}, as numbers. */
    private static List<Double> firstSeries(Map<?, ?> response) throws ActivityFailed {
        if (!(response.get("data") instanceof Map<?, ?> data) || !(data.get("result") instanceof List<?> result)
                || result.isEmpty() || !(result.getFirst() instanceof Map<?, ?> series)
                || !(series.get("values") instanceof List<?> values)) {
            throw new ActivityFailed("Prometheus query returned no range of values to compute a mean of");
        }
        List<Double> numbers = new ArrayList<>();
        for (Object point : values) {
            if (point instanceof List<?> pair && pair.size() == 2) numbers.add(Means.number(Py.str(pair.get(1))));
        }
        return numbers;
    }
}
