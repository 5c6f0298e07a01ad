package dev.chaosaction.validation;

import dev.chaosaction.activity.FunctionCatalog;
import java.util.Map;
import java.util.Set;

/**
 * What validation checks against besides the document.
 *
 * @param env              the environment (process environment plus {@code .env} var files)
 * @param functions        the native functions python providers may name
 * @param allowedProviders provider types this runner accepts ({@code process} is refused in Lambda by default)
 */
public record ValidationContext(Map<String, String> env, FunctionCatalog functions, Set<String> allowedProviders) {
    public static final Set<String> ALL_PROVIDERS = Set.of("python", "process", "http");
}
