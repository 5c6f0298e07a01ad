package dev.chaosaction.servicelevels;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Latency statistics of the answered requests, in milliseconds. Percentiles are nearest-rank: the p-th
 * percentile of n sorted values is the one at rank ceil(p/100 * n), so it is always a latency that was observed
 * (p50 of 1, 2, 3, 4 is 2; p99 of 100 values is the 99th).
 */
final class Latencies {
    private final long[] sortedNanos;

    Latencies(long[] nanos) {
        this.sortedNanos = nanos.clone();
        Arrays.sort(sortedNanos);
    }

    int count() {
        return sortedNanos.length;
    }

    /** The p-th percentile (0 < p <= 100) in ms, or null when nothing was answered. */
    Double percentile(double p) {
        if (sortedNanos.length == 0) return null;
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return millis(sortedNanos[Math.clamp(rank, 1, sortedNanos.length) - 1]);
    }

    /** {@code {"min", "mean", "p50", "p95", "p99", "max"}}, each null when nothing was answered. */
    Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean any = sortedNanos.length > 0;
        out.put("min", any ? millis(sortedNanos[0]) : null);
        out.put("mean", any ? millis((long) Arrays.stream(sortedNanos).average().orElse(0)) : null);
        out.put("p50", percentile(50));
        out.put("p95", percentile(95));
        out.put("p99", percentile(99));
        out.put("max", any ? millis(sortedNanos[sortedNanos.length - 1]) : null);
        return out;
    }

    /** Milliseconds, to a microsecond. */
    static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
