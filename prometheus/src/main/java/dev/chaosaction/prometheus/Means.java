package dev.chaosaction.prometheus;

import dev.chaosaction.activity.ActivityFailed;
import java.util.List;

/** Python's {@code statistics} means, as compute_mean uses them, over the numbers of a Prometheus series. */
final class Means {
    private Means() {}

    /** {@code geometric}, {@code harmonic}, or (for any other name, as chaosprometheus) the arithmetic mean. */
    static double of(String type, List<Double> values) throws ActivityFailed {
        if (values.isEmpty()) throw new ActivityFailed("the mean requires at least one data point");
        return switch (type) {
            case "geometric" -> geometric(values);
            case "harmonic" -> harmonic(values);
            default -> values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        };
    }

    /** A sample value as Prometheus writes it ({@code 1.5}, {@code +Inf}, {@code -Inf}, {@code NaN}). */
    static double number(String text) throws ActivityFailed {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new ActivityFailed("could not convert string to float: '" + text + "'");
                }
            }
        };
    }

    private static double geometric(List<Double> values) throws ActivityFailed {
        double logs = 0;
        for (double v : values) {
            if (!(v > 0)) {
                throw new ActivityFailed("geometric mean requires a non-empty dataset containing positive numbers");
            }
            logs += Math.log(v);
        }
        return Math.exp(logs / values.size());
    }

    private static double harmonic(List<Double> values) throws ActivityFailed {
        double inverses = 0;
        for (double v : values) {
            if (v < 0) throw new ActivityFailed("harmonic mean does not support negative values");
            if (v == 0) return 0;
            inverses += 1 / v;
        }
        return values.size() / inverses;
    }
}
