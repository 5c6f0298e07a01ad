package dev.chaosaction.tolerance;

import dev.chaosaction.value.Py;
import java.util.Map;

/**
 * The {@code target} of a regex, jsonpath or range tolerance: which entry of an http ({@code status, headers, body})
 * or process ({@code status, stdout, stderr}) output to look at. Chaos Toolkit does {@code value.get(target, value)},
 * so a missing entry falls back to the whole output.
 */
final class Target {
    private final Object name;
    private final String kind;

    private Target(Object name, String kind) {
        this.name = name;
        this.kind = kind;
    }

    /** @param kind the tolerance type, for messages */
    static Target of(Map<String, Object> tolerance, String kind) {
        return new Target(tolerance.get("target"), kind);
    }

    Object select(Object output) throws ToleranceException {
        if (!Py.truthy(name)) return output;
        if (!(output instanceof Map<?, ?> entries)) {
            throw new ToleranceException(kind + " tolerance target " + Py.repr(name)
                    + " needs a dict probe output (http or process), got " + typeName(output));
        }
        return entries.containsKey(name) ? entries.get(name) : output;
    }

    /** Where Python would raise a TypeError on the selected value, tell the user what to change. */
    ToleranceException wrongType(String needed, Object output, Object selected) {
        String hint = "";
        if (selected instanceof Map<?, ?> && selected == output) {
            hint = Py.truthy(name)
                    ? "; the probe output has no " + Py.repr(name) + " entry"
                    : "; set `target` (e.g. body, stdout)";
        }
        return new ToleranceException(kind + " tolerance needs " + needed + ", got " + typeName(selected) + hint);
    }

    private static String typeName(Object value) {
        return value == null ? "None" : Py.typeName(value);
    }
}
