package dev.chaosaction.activity;

import dev.chaosaction.policy.TrustPolicy;
import java.util.Map;

/** Makes a run's instance of a function library from what the experiment resolved. */
@FunctionalInterface
public interface FunctionLibraryFactory {
    FunctionLibrary create(Map<String, Object> configuration, Map<String, String> env, Map<String, Object> runtime);

    /**
     * The run's library under the deployment's {@code policy}: what the engine calls. A library that opens
     * connections of its own (Prometheus's HTTP API) overrides this, so that they obey the policy's egress as
     * the http provider does.
     */
    default FunctionLibrary create(Map<String, Object> configuration, Map<String, String> env,
                                   Map<String, Object> runtime, TrustPolicy policy) {
        return create(configuration, env, runtime);
    }
}
