package dev.chaosaction.aws.cloudwatch;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.value.Py;
import java.util.List;
import java.util.Map;

/**
 * A probe's bound arguments (defaults filled in). Binding checked their types against the signature, but a
 * {@code ${placeholder}} takes its value only at run time, so each read checks again.
 */
record ProbeArgs(String func, Map<String, Object> values) {

    Object raw(String name) {
        return values.get(name);
    }

    /** The string, or null for {@code None}. */
    String string(String name) throws ActivityFailed {
        return switch (values.get(name)) {
            case null -> null;
            case String s -> s;
            case Object other -> throw mistyped(name, "str", other);
        };
    }

    long integer(String name) throws ActivityFailed {
        return switch (values.get(name)) {
            case Double d -> throw mistyped(name, "int", d);
            case Number n -> n.longValue();
            case null, default -> throw mistyped(name, "int", values.get(name));
        };
    }

    List<?> list(String name) throws ActivityFailed {
        return switch (values.get(name)) {
            case null -> null;
            case List<?> list -> list;
            case Object other -> throw mistyped(name, "list", other);
        };
    }

    private ActivityFailed mistyped(String name, String expected, Object value) {
        return new ActivityFailed(func + ": argument '" + name + "' must be " + expected + ", not "
                + (value == null ? "None" : Py.typeName(value)));
    }
}
