package dev.chaosaction.config;

import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.policy.EnvPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CTK's {@code load_secrets}: scope → name → value, where a value may be {@code {"type": "env", "key": K}}.
 * Nested maps are resolved the same way, as CTK does. Vault is refused with a problem rather than silently
 * producing nothing.
 */
public final class Secrets {
    private static final String ROOT = "/secrets";
    private static final String VAULT_UNSUPPORTED = "Vault secrets are not supported by this runner: put the value in an"
            + " environment variable and declare {\"type\": \"env\", \"key\": \"NAME\"}, or pass the scope in the"
            + " 'secrets' section of a --var-file";

    private Secrets() {}

    /**
     * @param raw the experiment's {@code secrets} (null for none)
     * @param env the process environment with any {@code .env} var-file entries layered on top
     * @return the resolved scopes, in declaration order
     * @throws InvalidExperimentException listing every value that could not be resolved
     */
    public static Map<String, Map<String, Object>> load(Map<String, Object> raw, Map<String, String> env)
            throws InvalidExperimentException {
        return load(raw, env, EnvPolicy.OPEN);
    }

    /** As {@link #load(Map, Map)}, where {@code env} holds only what {@code policy} lets the experiment read. */
    public static Map<String, Map<String, Object>> load(Map<String, Object> raw, Map<String, String> env,
                                                        EnvPolicy policy) throws InvalidExperimentException {
        List<Problem> problems = new ArrayList<>();
        Map<String, Map<String, Object>> scopes = new LinkedHashMap<>();
        if (raw != null) {
            raw.forEach((scope, entries) -> {
                String path = Problem.child(ROOT, scope);
                if (entries instanceof Map<?, ?> map) {
                    scopes.put(scope, resolveAll(map, path, env, policy, problems));
                } else {
                    problems.add(new Problem(path, "a secret scope must be a mapping of names to values"));
                }
            });
        }
        if (!problems.isEmpty()) throw new InvalidExperimentException(problems);
        return scopes;
    }

    private static Map<String, Object> resolveAll(Map<?, ?> entries, String path, Map<String, String> env,
                                                  EnvPolicy policy, List<Problem> problems) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        entries.forEach((name, value) ->
                resolved.put(String.valueOf(name), resolve(value, Problem.child(path, name), env, policy, problems)));
        return resolved;
    }

    private static Object resolve(Object value, String path, Map<String, String> env, EnvPolicy policy,
                                  List<Problem> problems) {
        if (!(value instanceof Map<?, ?> map)) return value;
        if (EnvReference.is(map)) return fromEnv(map, path, env, policy, problems);
        if ("vault".equals(map.get("type"))) {
            problems.add(new Problem(path, VAULT_UNSUPPORTED));
            return null;
        }
        return resolveAll(map, path, env, policy, problems);
    }

    private static Object fromEnv(Map<?, ?> definition, String path, Map<String, String> env, EnvPolicy policy,
                                  List<Problem> problems) {
        String key = EnvReference.key(definition, path, problems);
        if (key == null) return null;
        if (env.containsKey(key)) return env.get(key); // secrets have no default and no type conversion in CTK
        problems.add(EnvReference.absent(path, key, policy,
                "Secrets make reference to an environment key that does not exist: "));
        return null;
    }
}
