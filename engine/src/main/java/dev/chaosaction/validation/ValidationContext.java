package dev.chaosaction.validation;

import dev.chaosaction.activity.FunctionCatalog;
import dev.chaosaction.control.ControlLibrary;
import dev.chaosaction.policy.TrustPolicy;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What validation checks against besides the document.
 *
 * @param env              the environment (process environment plus {@code .env} var files)
 * @param functions        the native functions python providers may name
 * @param allowedProviders provider types this runner accepts ({@code process} is refused in Lambda by default)
 * @param visibleEnv       the part of the environment configuration and secrets may read ({@link TrustPolicy#env})
 * @param policy           what the deployment allows the experiment
 * @param controls         the control modules served
 * @param globalControls   the settings file's {@code controls} (name to control), applied to every experiment
 */
public record ValidationContext(Map<String, String> env, FunctionCatalog functions, Set<String> allowedProviders,
                                Map<String, String> visibleEnv, TrustPolicy policy, ControlLibrary controls,
                                Map<String, Object> globalControls) {
    public static final Set<String> ALL_PROVIDERS = Set.of("python", "process", "http");

    /**
     * A deployment's comma list of provider types ({@code http,python}).
     *
     * @throws IllegalArgumentException naming an unknown type
     */
    public static Set<String> providers(String list) {
        Set<String> allowed = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            String type = name.strip().toLowerCase(Locale.ROOT);
            if (type.isEmpty()) continue;
            if (!ALL_PROVIDERS.contains(type)) {
                throw new IllegalArgumentException("unknown provider type '" + type
                        + "', expected some of http, process, python");
            }
            allowed.add(type);
        }
        return Set.copyOf(allowed);
    }

    /** The command line's context: the experiment reads the whole environment, every function is allowed. */
    public ValidationContext(Map<String, String> env, FunctionCatalog functions, Set<String> allowedProviders) {
        this(env, functions, allowedProviders, env, TrustPolicy.OPEN, ControlLibrary.NONE, Map.of());
    }
}
