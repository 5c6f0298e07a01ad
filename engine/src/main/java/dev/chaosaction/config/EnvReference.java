package dev.chaosaction.config;

import dev.chaosaction.experiment.Problem;
import dev.chaosaction.policy.EnvPolicy;
import java.util.List;
import java.util.Map;

/** The {@code {"type": "env", "key": K}} definitions configuration and secrets share. */
final class EnvReference {
    private EnvReference() {}

    static boolean is(Object definition) {
        return definition instanceof Map<?, ?> map && "env".equals(map.get("type"));
    }

    /**
     * The problem for a variable {@code env} does not hold: hidden by {@code policy} (it says why), or missing.
     *
     * @param missing Chaos Toolkit's words for a missing one
     */
    static Problem absent(String path, String key, EnvPolicy policy, String missing) {
        String refusal = policy.refusal(key);
        return new Problem(path, refusal != null ? refusal : missing + key);
    }

    /** The variable's name, or null after recording a problem when the definition names none (CTK crashes). */
    static String key(Map<?, ?> definition, String path, List<Problem> problems) {
        if (definition.get("key") instanceof String key && !key.isEmpty()) return key;
        problems.add(new Problem(Problem.child(path, "key"),
                "an env definition needs a 'key' naming the environment variable"));
        return null;
    }
}
