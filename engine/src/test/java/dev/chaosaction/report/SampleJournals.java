package dev.chaosaction.report;

import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.RunItem;
import dev.chaosaction.journal.SteadyState;
import dev.chaosaction.value.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Journals made with the engine's own journal classes, passed through JSON as a store writes them: a web pod
 * killed while a continuous hypothesis measures the checkout's service levels, which miss their error-rate
 * tolerance while the fault is in and recover after.
 */
public final class SampleJournals {
    public static final Instant T0 = Instant.parse("2026-05-07T10:11:12Z");
    /** The error-rate tolerance of the service-level probe. */
    public static final Map<String, Object> ERROR_RATE = Map.of("type", "range", "range", List.of(0, 0.01),
            "target", "error_rate");

    private SampleJournals() {}

    /** Before at 1 s, the kill from 2 to 2.5 s, a pause to 10 s, checks during at 3, 5, 7 and 9 s, after at 11 s. */
    public static Map<String, Object> podKill(String probeName) {
        Journal journal = new Journal("run-7", Map.of("title", "Checkout holds while a web pod dies"), T0);
        journal.before(state(true, health(1, 200, true), levels(probeName, 1.2, 80, 0, true)));
        journal.addRun(item(Map.of("type", "action", "name", "kill a web pod", "pauses", Map.of("after", 7.5)),
                2, 2.5, List.of("web-1")));
        double[] p99 = {240, 450, 410, 260};
        double[] errors = {0.0, 0.04, 0.02, 0.005};
        int[] statuses = {200, 503, 200, 200};
        for (int i = 0; i < p99.length; i++) {
            double at = 3 + 2 * i;
            journal.addDuring(state(errors[i] <= 0.01, health(at, statuses[i], statuses[i] == 200),
                    levels(probeName, at + 0.2, p99[i], errors[i], errors[i] <= 0.01)));
        }
        journal.addRun(item(Map.of("type", "probe", "name", "ready web pods"), 6, 6.1, 2));
        journal.addRun(item(Map.of("type", "action", "name", "wait"), 6.1, 10, null));
        journal.after(state(true, health(11, 200, true), levels(probeName, 11.2, 230, 0, true)));
        journal.status("completed", null);
        journal.end(T0.plusSeconds(12));
        return document(journal);
    }

    private static RunItem health(double at, int status, boolean met) {
        RunItem item = item(Map.of("type", "probe", "name", "checkout answers", "tolerance", 200), at, at + 0.05,
                Map.of("status", status, "headers", Map.of("content-type", "text/plain"), "body", "ok"));
        item.toleranceMet(met);
        return item;
    }

    /** What {@code chaosaction.service_levels.probes.measure} returns. */
    private static RunItem levels(String name, double at, double p99, double errorRate, boolean met) {
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("min", 12.5);
        latency.put("mean", p99 / 3);
        latency.put("p50", p99 / 4);
        latency.put("p95", p99 * 0.8);
        latency.put("p99", p99);
        latency.put("max", p99 * 1.5);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("requests", 200);
        output.put("succeeded", (int) Math.round(200 * (1 - errorRate)));
        output.put("errors", (int) Math.round(200 * errorRate));
        output.put("error_rate", errorRate);
        output.put("throughput", 49.5);
        output.put("duration_s", 4.04);
        output.put("latency_ms", latency);
        output.put("status_codes", Map.of("200", (int) Math.round(200 * (1 - errorRate))));
        output.put("objectives_met", met);
        output.put("breaches", met ? List.of() : List.of("error_rate " + errorRate + " > 0.01"));
        RunItem item = item(Map.of("type", "probe", "name", name, "tolerance", ERROR_RATE), at - 0.1, at, output);
        item.toleranceMet(met);
        return item;
    }

    private static RunItem item(Map<String, Object> activity, double from, double to, Object output) {
        RunItem item = new RunItem(activity, at(from));
        item.succeeded(output, at(to));
        return item;
    }

    private static Instant at(double seconds) {
        return T0.plusNanos((long) (seconds * 1e9));
    }

    private static SteadyState state(boolean met, RunItem... probes) {
        SteadyState state = new SteadyState();
        for (RunItem probe : probes) state.add(probe);
        state.met(met);
        return state;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document(Journal journal) {
        return (Map<String, Object>) Json.parse(Json.write(journal.toMap()));
    }
}
