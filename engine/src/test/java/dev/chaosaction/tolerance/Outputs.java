package dev.chaosaction.tolerance;

import dev.chaosaction.value.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Probe outputs shaped as the providers return them, and tolerances read as an experiment file would give them. */
final class Outputs {
    private Outputs() {}

    /** An http provider's output. */
    static Map<String, Object> http(long status, Object body) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("status", status);
        output.put("headers", Map.of("Content-Type", "application/json"));
        output.put("body", body);
        return output;
    }

    /** A process provider's output. */
    static Map<String, Object> process(long status, String stdout, String stderr) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("status", status);
        output.put("stdout", stdout);
        output.put("stderr", stderr);
        return output;
    }

    /** JSON text with {@code '} for {@code "}, read by the engine's mapper (Long ints, Double floats). */
    static Object json(String text) {
        return Json.parse(text.replace('\'', '"'));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> tolerance(String text) {
        return (Map<String, Object>) json(text);
    }

    static final ProbeTolerance NO_PROBE = (probe, value) -> {
        throw new AssertionError("no probe tolerance expected");
    };

    static boolean within(Object tolerance, Object value) throws ToleranceException {
        return Tolerances.within(tolerance, value, NO_PROBE);
    }

    static List<Object> list(Object... items) {
        return java.util.Arrays.asList(items);
    }
}
