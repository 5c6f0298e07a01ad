package dev.chaosaction.config;

import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.policy.EnvPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CTK's {@code load_configuration}: resolves {@code {"type": "env"}} entries against an environment and keeps
 * every other entry as written (dynamic {@code {"type": "probe"}} entries are run later, by the runner).
 */
public final class Configuration {
    private static final String ROOT = "/configuration";

    private Configuration() {}

    /**
     * @param raw the experiment's {@code configuration} (null for none)
     * @param env the process environment with any {@code .env} var-file entries layered on top
     * @return the resolved configuration, in declaration order
     * @throws InvalidExperimentException listing every entry that could not be resolved
     */
    public static Map<String, Object> load(Map<String, Object> raw, Map<String, String> env)
            throws InvalidExperimentException {
        return load(raw, env, EnvPolicy.OPEN);
    }

    /**
     * As {@link #load(Map, Map)}, where {@code env} holds only what {@code policy} lets the experiment read; a
     * variable it hides is missing (its default applies), and the problem says why.
     */
    public static Map<String, Object> load(Map<String, Object> raw, Map<String, String> env, EnvPolicy policy)
            throws InvalidExperimentException {
        List<Problem> problems = new ArrayList<>();
        Map<String, Object> resolved = new LinkedHashMap<>();
        if (raw != null) {
            raw.forEach((name, definition) -> resolved.put(name, EnvReference.is(definition)
                    ? fromEnv((Map<?, ?>) definition, Problem.child(ROOT, name), env, policy, problems)
                    : definition));
        }
        if (!problems.isEmpty()) throw new InvalidExperimentException(problems);
        return resolved;
    }

    /** The resolved values that {@code raw} read from {@code env} (not their defaults), for the redactor. */
    public static List<Object> fromEnvironment(Map<String, Object> raw, Map<String, Object> resolved,
                                               Map<String, String> env) {
        if (raw == null) return List.of();
        return raw.entrySet().stream()
                .filter(e -> EnvReference.is(e.getValue()) && env.containsKey(((Map<?, ?>) e.getValue()).get("key")))
                .map(e -> resolved.get(e.getKey()))
                .toList();
    }

    private static Object fromEnv(Map<?, ?> definition, String path, Map<String, String> env, EnvPolicy policy,
                                  List<Problem> problems) {
        Object declaredType = definition.get("env_var_type");
        String type = declaredType instanceof String s ? s : null;
        if (declaredType != null && (type == null || !EnvValue.supports(type))) {
            problems.add(new Problem(Problem.child(path, "env_var_type"), EnvValue.unsupported(declaredType)));
            return null;
        }
        String key = EnvReference.key(definition, path, problems);
        if (key == null) return null;
        if (env.containsKey(key)) return convert(env.get(key), type, "environment variable " + key, path, problems);
        // The mere presence of "default", even null, avoids the error.
        if (definition.containsKey("default")) {
            // A typed default (5, true, null) is used as written; only text goes through the conversion.
            Object fallback = definition.get("default");
            return fallback instanceof String text ? convert(text, type, "the default", path, problems) : fallback;
        }
        problems.add(EnvReference.absent(path, key, policy,
                "Configuration makes reference to an environment key that does not exist: "));
        return null;
    }

    private static Object convert(String text, String type, String source, String path, List<Problem> problems) {
        try {
            return EnvValue.convert(text, type);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(path, source + ": " + e.getMessage()));
            return null;
        }
    }
}
