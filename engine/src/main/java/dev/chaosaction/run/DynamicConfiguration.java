package dev.chaosaction.run;

import static dev.chaosaction.experiment.Activities.map;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.RunInterrupted;
import dev.chaosaction.value.Py;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chaos Toolkit's {@code load_dynamic_configuration}: each {@code {"type": "probe", ...}} configuration entry is
 * run once before the experiment, in declaration order, with the configuration built so far (the entries
 * above it) and the secrets; its key then holds what the probe returned: a python function's result, a
 * process's stripped stdout (exit code 0 only), an HTTP response's body. A probe that fails leaves its key
 * out, as in Chaos Toolkit. This comes after env configuration, {@code --var}s and secrets are resolved.
 */
final class DynamicConfiguration {
    /** Calls one probe's provider with the configuration resolved so far. */
    @FunctionalInterface
    interface Prober {
        Object call(Map<String, Object> probe, Map<String, Object> configurationSoFar) throws ActivityFailed;
    }

    private DynamicConfiguration() {}

    static Map<String, Object> resolve(Map<String, Object> configuration, Prober prober) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        configuration.forEach((key, value) -> {
            if (!dynamic(value)) {
                resolved.put(key, value);
                return;
            }
            Map<String, Object> probe = map(value);
            try {
                Object output = prober.call(probe, Collections.unmodifiableMap(new LinkedHashMap<>(resolved)));
                String type = Py.str(map(probe.get("provider")).get("type"));
                if (!"process".equals(type) || exitedZero(output)) resolved.put(key, valueOf(type, output));
            } catch (RunInterrupted e) {
                throw e;
            } catch (ActivityFailed | RuntimeException e) {
                // Chaos Toolkit logs the failure and leaves the key out.
            }
        });
        return resolved;
    }

    private static boolean dynamic(Object value) {
        return value instanceof Map<?, ?> m && "probe".equals(m.get("type"));
    }

    private static boolean exitedZero(Object output) {
        return map(output).get("status") instanceof Number n && n.longValue() == 0;
    }

    private static Object valueOf(String providerType, Object output) {
        return switch (providerType) {
            case "process" -> Py.str(map(output).getOrDefault("stdout", "")).strip();
            case "http" -> map(output).get("body");
            default -> output;
        };
    }
}
