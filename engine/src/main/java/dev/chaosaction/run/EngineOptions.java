package dev.chaosaction.run;

import dev.chaosaction.activity.FunctionLibraryFactory;
import dev.chaosaction.validation.ValidationContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How an adapter sets the engine up.
 *
 * @param env              the environment experiments see (env configuration, PATH for process providers)
 * @param allowedProviders provider types accepted ({@code process} is off in Lambda unless allowed)
 * @param libraries        native function libraries for python providers (the Kubernetes extension's)
 * @param clock            the clock journal times come from
 */
public record EngineOptions(Map<String, String> env, Set<String> allowedProviders,
                            List<FunctionLibraryFactory> libraries, Clock clock) {

    public static EngineOptions of(Map<String, String> env, List<FunctionLibraryFactory> libraries) {
        return new EngineOptions(env, ValidationContext.ALL_PROVIDERS, libraries, Clock.systemUTC());
    }

    public EngineOptions withAllowedProviders(Set<String> allowed) {
        return new EngineOptions(env, allowed, libraries, clock);
    }

    public EngineOptions withClock(Clock value) {
        return new EngineOptions(env, allowedProviders, libraries, value);
    }
}
