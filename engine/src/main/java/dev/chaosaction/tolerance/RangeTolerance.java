package dev.chaosaction.tolerance;

import dev.chaosaction.experiment.Problem;
import dev.chaosaction.value.Py;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code {"type": "range", "range": [lo, hi], "target": T}}: {@code lo <= value <= hi}, the value being a number or
 * a numeric string (Python's {@code Decimal(value)}: surrounding blanks and {@code _} allowed).
 *
 * <p>Divergence: Chaos Toolkit turns float bounds into {@code Decimal(float)}, so a bound written {@code 6.4} is
 * really 6.4000000000000003552..., and a string value {@code "6.40"} is above it. Here floats count as written
 * (their shortest decimal form), so {@code "6.40"} is within {@code [0, 6.4]}.
 */
final class RangeTolerance {
    private static final Pattern INFINITY = Pattern.compile("[+-]?inf(inity)?", Pattern.CASE_INSENSITIVE);

    private RangeTolerance() {}

    static List<Problem> validate(Map<String, Object> tolerance, String path) {
        String at = Problem.child(path, "range");
        if (!tolerance.containsKey("range")) {
            return List.of(new Problem(at, "hypothesis range probe tolerance must have a `range` key"));
        }
        if (!(tolerance.get("range") instanceof List<?> range)) {
            return List.of(new Problem(at, "hypothesis range must be a sequence"));
        }
        if (range.size() != 2) return List.of(new Problem(at, "hypothesis range sequence must be made of two values"));
        List<Problem> problems = new ArrayList<>();
        if (!Py.isNumeric(range.get(0))) {
            problems.add(new Problem(Problem.child(at, 0), "hypothesis range lower boundary must be a number"));
        }
        if (!Py.isNumeric(range.get(1))) {
            problems.add(new Problem(Problem.child(at, 1), "hypothesis range upper boundary must be a number"));
        }
        return problems;
    }

    static boolean within(Map<String, Object> tolerance, Object output) throws ToleranceException {
        List<Problem> problems = validate(tolerance, "");
        if (!problems.isEmpty()) throw new ToleranceException(problems.getFirst().message());
        List<?> range = (List<?>) tolerance.get("range");
        Target target = Target.of(tolerance, "range");
        Object value = target.select(output);
        Number number = switch (value) {
            case String text -> parse(text);
            case Object o when Py.isNumeric(o) -> number(o);
            case null, default -> throw target.wrongType("a number or a numeric string", output, value);
        };
        // Python only says False for a string Decimal cannot read; NaN has no place in a range either.
        if (number == null || number instanceof Double d && d.isNaN()) return false;
        return compare(number(range.get(0)), number) <= 0 && compare(number, number(range.get(1))) <= 0;
    }

    /** Python's {@code Decimal(str)}; {@code null} where it raises InvalidOperation. */
    private static Number parse(String text) {
        String digits = text.strip().replace("_", "");
        try {
            return new BigDecimal(digits);
        } catch (NumberFormatException e) {
            if (INFINITY.matcher(digits).matches()) {
                return digits.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return null;
        }
    }

    /** Exact decimals for finite numbers (floats as written); infinities (YAML's {@code .inf}) stay doubles. */
    private static Number number(Object numeric) {
        return switch (numeric) {
            case Double d when !Double.isFinite(d) -> d;
            case Double d -> BigDecimal.valueOf(d);
            case Float f when !Float.isFinite(f) -> f.doubleValue();
            case Float f -> new BigDecimal(f.toString());
            default -> Py.decimal(numeric);
        };
    }

    private static int compare(Number a, Number b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) return x.compareTo(y);
        return Double.compare(a.doubleValue(), b.doubleValue());
    }
}
