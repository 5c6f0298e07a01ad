package dev.chaosaction.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The values one probe returned during a run, for one numeric field of its output ({@code ""} when the output is
 * the number itself, {@code status} of an HTTP answer, {@code latency_ms.p99} of a service-level measurement),
 * in the order they were taken, with the band its tolerance allows when the tolerance says one.
 */
public record Series(String probe, String field, List<Point> points, Band band) {

    /** Where in the run a value was taken: a steady-state check, or a probe of the method. */
    public enum Phase {
        BEFORE, DURING, AFTER, METHOD;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A value {@code at} seconds after the run started (when the probe returned); {@code met} is whether the
     * hypothesis found it within tolerance, null for a method probe.
     */
    public record Point(double at, double value, Phase phase, Boolean met) {}

    /** The values a tolerance accepts, bounds included; one value when {@code low == high}. */
    public record Band(double low, double high) {}

    public Series {
        points = List.copyOf(points);
    }

    /** The probe and its field, as a person reads it: {@code service levels · latency_ms.p99}. */
    public String label() {
        return field.isEmpty() ? probe : probe + " · " + field;
    }

    /** At most {@code max} points, evenly picked, the first and the last kept; what a chart can still show. */
    public Series thinned(int max) {
        int n = points.size();
        if (n <= max) return this;
        List<Point> kept = IntStream.range(0, max).mapToObj(i -> points.get((int) ((long) i * (n - 1) / (max - 1))))
                .toList();
        return new Series(probe, field, kept, band);
    }

    public double min() {
        return points.stream().mapToDouble(Point::value).min().orElse(0);
    }

    public double max() {
        return points.stream().mapToDouble(Point::value).max().orElse(0);
    }

    /** A number as a person reads it: six significant digits at most, no exponent, no trailing zeros. */
    public static String number(double value) {
        if (Math.abs(value) < 1e-9) return "0";
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    public long missed() {
        return points.stream().filter(p -> Boolean.FALSE.equals(p.met())).count();
    }
}
