package dev.chaosaction.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code --var} and {@code --var-file} add to a run: configuration entries, whole secret scopes, and
 * environment variables from {@code .env} files (layered over the process environment, never written into it).
 *
 * @param configuration configuration definitions that replace or extend the experiment's
 * @param secrets       secret scopes that replace the experiment's scopes of the same name entirely
 * @param env           environment variables from {@code .env} var files
 */
public record Overrides(Map<String, Object> configuration,
                        Map<String, Map<String, Object>> secrets,
                        Map<String, String> env) {
    public static final Overrides NONE = new Overrides(Map.of(), Map.of(), Map.of());

    public Overrides {
        // Ordered, null-tolerant copies: a var file may set a key to null, and declaration order shows in journals.
        configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
        secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    /** These overrides with {@code later} on top: later keys, scopes and variables win. */
    public Overrides then(Overrides later) {
        Map<String, Object> config = new LinkedHashMap<>(configuration);
        config.putAll(later.configuration);
        Map<String, Map<String, Object>> scopes = new LinkedHashMap<>(secrets);
        scopes.putAll(later.secrets); // a scope is replaced whole, as CTK's dict.update does
        Map<String, String> vars = new LinkedHashMap<>(env);
        vars.putAll(later.env);
        return new Overrides(config, scopes, vars);
    }

    /** The environment configuration and secrets resolve against: {@code process} with {@link #env} on top. */
    public Map<String, String> environment(Map<String, String> process) {
        Map<String, String> layered = new LinkedHashMap<>(process);
        layered.putAll(env);
        return layered;
    }

    /**
     * A copy of {@code experiment} whose configuration entries and secret scopes named here are replaced by these
     * definitions (which are then resolved like the experiment's own). Unlike CTK, which silently drops override
     * keys the experiment does not declare, undeclared keys and scopes are added: whoever passes {@code --var x}
     * expects {@code ${x}} to see it.
     */
    public Map<String, Object> applyTo(Map<String, Object> experiment) {
        Map<String, Object> copy = new LinkedHashMap<>(experiment);
        if (!configuration.isEmpty()) copy.put("configuration", merge(experiment.get("configuration"), configuration));
        if (!secrets.isEmpty()) copy.put("secrets", merge(experiment.get("secrets"), secrets));
        return copy;
    }

    private static Object merge(Object declared, Map<String, ?> overrides) {
        // A section that is not a map is the validator's to report, not ours to paper over.
        if (declared != null && !(declared instanceof Map<?, ?>)) return declared;
        Map<String, Object> merged = new LinkedHashMap<>();
        if (declared instanceof Map<?, ?> map) map.forEach((k, v) -> merged.put(String.valueOf(k), v));
        merged.putAll(overrides);
        return merged;
    }
}
