package dev.chaosaction.tolerance;

import dev.chaosaction.experiment.Problem;
import dev.chaosaction.value.Py;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Chaos Toolkit's steady-state tolerances ({@code chaoslib/hypothesis.py}): validating them and deciding whether a
 * probe's output is within one. Plain tolerances (bool, int, str, list) are decided here; typed ones
 * ({@code {"type": ...}}) by their own class.
 */
public final class Tolerances {
    private static final String NOT_A_TOLERANCE = "hypothesis probe tolerance must either be an integer, a string,"
            + " a boolean or a pair of values for boundaries. It can also be a dictionary which is a probe activity"
            + " definition that takes an argument called `value` with the value of the probe itself to be validated";

    private Tolerances() {}

    /**
     * Every problem with a tolerance, as {@code chaos validate} words them.
     *
     * @param path the tolerance's JSON Pointer, e.g. {@code /steady-state-hypothesis/probes/0/tolerance}
     * @param activityCheck validates a {@code {"type": "probe"}} tolerance as an activity
     */
    public static List<Problem> validate(Object tolerance, String path, ActivityCheck activityCheck) {
        return switch (tolerance) {
            case Boolean b -> List.of();
            case String s -> List.of();
            case List<?> l -> List.of();
            case Number n when isInt(n) -> List.of();
            case Map<?, ?> m -> validateTyped(document(m), path, activityCheck);
            case null, default -> List.of(new Problem(path, NOT_A_TOLERANCE));
        };
    }

    /**
     * Whether a probe's output is within the tolerance.
     *
     * @param tolerance the tolerance with its {@code ${...}} already substituted
     * @param value the probe's output
     * @param probeRunner runs a {@code {"type": "probe"}} tolerance
     * @throws ToleranceException where Chaos Toolkit would crash (e.g. a regex over a whole http output)
     */
    public static boolean within(Object tolerance, Object value, ProbeTolerance probeRunner)
            throws ToleranceException {
        return switch (tolerance) {
            case Boolean b -> Py.eq(value, b);
            case String s -> Py.eq(value, s);
            case Number n when isInt(n) -> Py.eq(statusOr(value), n);
            case List<?> list -> withinList(list, value);
            case Map<?, ?> m -> withinTyped(document(m), value, probeRunner);
            // Python's singledispatch falls back to a function returning None (falsy) for floats and None.
            case null, default -> false;
        };
    }

    private static List<Problem> validateTyped(Map<String, Object> tolerance, String path, ActivityCheck check) {
        Object type = tolerance.get("type");
        return switch (type instanceof String s ? s : "") {
            case "probe" -> check.check(tolerance, path);
            case "regex" -> RegexTolerance.validate(tolerance, path);
            case "jsonpath" -> JsonPathTolerance.validate(tolerance, path);
            case "range" -> RangeTolerance.validate(tolerance, path);
            default -> List.of(new Problem(Problem.child(path, "type"),
                    "hypothesis probe tolerance type '" + Py.str(type) + "' is unsupported"));
        };
    }

    private static boolean withinTyped(Map<String, Object> tolerance, Object value, ProbeTolerance probeRunner)
            throws ToleranceException {
        Object type = tolerance.get("type");
        return switch (type instanceof String s ? s : "") {
            case "probe" -> probeRunner.run(tolerance, value);
            case "regex" -> RegexTolerance.within(tolerance, value);
            case "jsonpath" -> JsonPathTolerance.within(tolerance, value);
            case "range" -> RangeTolerance.within(tolerance, value);
            default -> false;
        };
    }

    /**
     * A list is a status membership for http/process outputs, an inclusive range when it has two items, else a
     * membership.
     */
    private static boolean withinList(List<?> tolerance, Object value) {
        if (value instanceof Map<?, ?> output && output.containsKey("status")) {
            return Py.in(output.get("status"), tolerance);
        }
        if (tolerance.size() == 2) {
            return lessOrEqual(tolerance.get(0), value) && lessOrEqual(value, tolerance.get(1));
        }
        return Py.in(value, tolerance);
    }

    /** An int tolerance checks the exit code / http status of a process or http output. */
    private static Object statusOr(Object value) {
        return value instanceof Map<?, ?> output && output.containsKey("status") ? output.get("status") : value;
    }

    /**
     * Python's {@code <=} for what it can order: numbers (bools included) and strings (by code point). Python raises
     * TypeError for anything else; a probe output that cannot be ordered is simply not within the range.
     */
    private static boolean lessOrEqual(Object a, Object b) {
        if (Py.isNumeric(a) && Py.isNumeric(b)) return Py.compare(a, b) <= 0;
        if (a instanceof String x && b instanceof String y) {
            return Arrays.compare(x.codePoints().toArray(), y.codePoints().toArray()) <= 0;
        }
        return false;
    }

    /** Python's {@code int} (a bool is matched before, as singledispatch prefers {@code bool} over {@code int}). */
    private static boolean isInt(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof BigInteger || n instanceof Short
                || n instanceof Byte;
    }

    @SuppressWarnings("unchecked") // experiment documents are JSON objects: their keys are strings
    private static Map<String, Object> document(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
