package dev.chaosaction.validation;

import dev.chaosaction.activity.FunctionCatalog;
import dev.chaosaction.control.ControlLibrary;
import java.util.Map;
import java.util.Set;

/**
 * What validation checks against besides the document.
 *
 * @param env              the environment (process environment plus {@code .env} var files)
 * @param functions        the native functions python providers may name
 * @param allowedProviders provider types this runner accepts ({@code process} is refused in Lambda by default)
 * @param controls         the control modules served
 * @param globalControls   the settings file's {@code controls} (name to control), applied to every experiment
 */
public record ValidationContext(Map<String, String> env, FunctionCatalog functions, Set<String> allowedProviders,
                                ControlLibrary controls, Map<String, Object> globalControls) {
    public static final Set<String> ALL_PROVIDERS = Set.of("python", "process", "http");

    public ValidationContext(Map<String, String> env, FunctionCatalog functions, Set<String> allowedProviders) {
        this(env, functions, allowedProviders, ControlLibrary.NONE, Map.of());
    }
}
