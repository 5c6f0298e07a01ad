package dev.chaosaction.servicelevels;

import dev.chaosaction.value.Py;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the measurement must meet: upper bounds on latency ({@code p50_ms}, {@code p95_ms}, {@code p99_ms},
 * {@code max_ms}) and on {@code error_rate} (a fraction, 0.01 is 1%), a lower bound on {@code min_throughput}
 * (successful answers per second). A bound is met when the value equals it.
 */
record Objectives(Map<String, BigDecimal> bounds) {
    static final Objectives NONE = new Objectives(Map.of());
    /** Each objective and the latency percentile it bounds (null for the others). */
    private static final Map<String, Double> KNOWN = known();

    /** Every problem with {@code objectives}, as messages for the key they concern. */
    static Objectives parse(Map<?, ?> objectives, List<String> problems) {
        if (objectives == null) return NONE;
        Map<String, BigDecimal> bounds = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : objectives.entrySet()) {
            String key = Py.str(e.getKey());
            if (!KNOWN.containsKey(key)) {
                problems.add("objectives: unknown objective '" + key + "', expected one of "
                        + String.join(", ", KNOWN.keySet()));
            } else if (e.getValue() instanceof Boolean || !Py.isNumeric(e.getValue())
                    || Py.decimal(e.getValue()).signum() < 0) {
                problems.add("objectives: " + key + " must be a number >= 0, not " + Py.repr(e.getValue()));
            } else {
                bounds.put(key, Py.decimal(e.getValue()));
            }
        }
        return new Objectives(bounds);
    }

    /** The objectives not met, as {@code "p99_ms 412.3 > 300"}, in the order they were given. */
    List<String> breaches(Latencies latencies, double errorRate, double throughput) {
        List<String> breaches = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> bound : bounds.entrySet()) {
            String key = bound.getKey();
            String limit = bound.getValue().stripTrailingZeros().toPlainString();
            if (key.equals("min_throughput")) {
                if (BigDecimal.valueOf(throughput).compareTo(bound.getValue()) < 0) {
                    breaches.add(key + " " + shown(throughput) + " < " + limit);
                }
                continue;
            }
            Double value = key.equals("error_rate") ? Double.valueOf(errorRate) : latencies.percentile(KNOWN.get(key));
            if (value == null) breaches.add(key + " unknown (no request was answered) > " + limit);
            else if (BigDecimal.valueOf(value).compareTo(bound.getValue()) > 0) {
                breaches.add(key + " " + shown(value) + " > " + limit);
            }
        }
        return breaches;
    }

    private static String shown(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static Map<String, Double> known() {
        Map<String, Double> known = new LinkedHashMap<>();
        known.put("p50_ms", 50.0);
        known.put("p95_ms", 95.0);
        known.put("p99_ms", 99.0);
        known.put("max_ms", 100.0);
        known.put("error_rate", null);
        known.put("min_throughput", null);
        return known;
    }
}
