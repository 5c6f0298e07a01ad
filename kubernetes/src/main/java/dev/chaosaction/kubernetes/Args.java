package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.value.Py;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's arguments after binding (every parameter present, defaults filled in), read with the
 * leniency of the Python code they come from: {@code None} stays null, any value has a truthiness.
 */
record Args(String func, Map<String, Object> values) {

    /** The string, or null for {@code None}. */
    String string(String name) throws ActivityFailed {
        Object value = values.get(name);
        if (value == null || value instanceof String) return (String) value;
        throw wrongType(name, "str", value);
    }

    long integer(String name) throws ActivityFailed {
        Long value = optionalInteger(name);
        if (value == null) throw new ActivityFailed(func + ": argument '" + name + "' must be an int, not None");
        return value;
    }

    Long optionalInteger(String name) throws ActivityFailed {
        return switch (values.get(name)) {
            case null -> null;
            case Boolean b -> b ? 1L : 0L;
            case Double d -> throw wrongType(name, "int", d);
            case Number n -> n.longValue();
            case Object other -> throw wrongType(name, "int", other);
        };
    }

    boolean bool(String name) {
        return Py.truthy(values.get(name));
    }

    Object raw(String name) {
        return values.get(name);
    }

    List<?> list(String name) throws ActivityFailed {
        Object value = values.get(name);
        if (value == null || value instanceof List<?>) return (List<?>) value;
        throw wrongType(name, "list", value);
    }

    /** The same arguments with one more, for an alias that fixes a parameter of the function it calls. */
    Args with(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new Args(func, copy);
    }

    private ActivityFailed wrongType(String name, String expected, Object value) {
        return new ActivityFailed(func + ": argument '" + name + "' must be " + expected + ", not "
                + Py.typeName(value));
    }
}
