package dev.chaosaction.servicelevels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The probe's output: {@code {"requests", "succeeded", "errors", "error_rate", "throughput", "duration_s",
 * "latency_ms": {"min", "mean", "p50", "p95", "p99", "max"}, "status_codes": {"200": n}, "failures": {"timeout": n},
 * "objectives_met", "breaches"}}.
 *
 * <p>{@code requests} is how many were sent; an error is an answer whose status is not in {@code ok_statuses}, a
 * request with no answer (timeout, connection refused), or one still unanswered at {@code max_duration};
 * {@code error_rate} is errors / requests; {@code throughput} is successful answers per second over
 * {@code duration_s}, from the first request's due time to the last answer. Latency covers every answered request,
 * whatever its status, from the moment it was due to the last byte of its answer.
 */
final class Measurement {
    private Measurement() {}

    static Map<String, Object> of(LoadDriver.Result result, LoadSpec spec) {
        List<LoadDriver.Outcome> outcomes = result.outcomes();
        Map<String, Long> statuses = new TreeMap<>();
        Map<String, Long> failures = new TreeMap<>();
        long succeeded = 0;
        for (LoadDriver.Outcome o : outcomes) {
            if (o.status() < 0) {
                failures.merge(o.failure(), 1L, Long::sum);
                continue;
            }
            statuses.merge(Integer.toString(o.status()), 1L, Long::sum);
            if (spec.ok().contains(o.status())) succeeded++;
        }
        long unanswered = result.sent() - outcomes.size();
        if (unanswered > 0) failures.merge("unanswered within max_duration", unanswered, Long::sum);
        Latencies latencies = new Latencies(outcomes.stream().filter(o -> o.status() >= 0)
                .mapToLong(LoadDriver.Outcome::latencyNanos).toArray());
        long errors = result.sent() - succeeded;
        double errorRate = result.sent() == 0 ? 0.0 : round((double) errors / result.sent(), 6);
        double seconds = (result.endNanos() - result.startNanos()) / 1e9;
        double throughput = seconds <= 0 ? 0.0 : round(succeeded / seconds, 3);
        List<String> breaches = spec.objectives().breaches(latencies, errorRate, throughput);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requests", (long) result.sent());
        out.put("succeeded", succeeded);
        out.put("errors", errors);
        out.put("error_rate", errorRate);
        out.put("throughput", throughput);
        out.put("duration_s", round(seconds, 3));
        out.put("latency_ms", latencies.summary());
        out.put("status_codes", new LinkedHashMap<>(statuses));
        out.put("failures", new LinkedHashMap<>(failures));
        out.put("objectives_met", breaches.isEmpty());
        out.put("breaches", breaches);
        return out;
    }

    private static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
