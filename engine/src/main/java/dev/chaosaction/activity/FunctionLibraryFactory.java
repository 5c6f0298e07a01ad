package dev.chaosaction.activity;

import dev.chaosaction.policy.EgressPolicy;
import dev.chaosaction.policy.TrustPolicy;
import java.util.Map;
import java.util.function.Function;

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

    /**
     * A library that opens connections of its own, made for each run under the deployment's egress policy; made
     * without a policy (discovery lists the signatures only), it gets the command line's, which is open.
     */
    static FunctionLibraryFactory underEgress(Function<EgressPolicy, FunctionLibrary> library) {
        return new FunctionLibraryFactory() {
            @Override
            public FunctionLibrary create(Map<String, Object> configuration, Map<String, String> env,
                                          Map<String, Object> runtime) {
                return library.apply(EgressPolicy.OPEN);
            }

            @Override
            public FunctionLibrary create(Map<String, Object> configuration, Map<String, String> env,
                                          Map<String, Object> runtime, TrustPolicy policy) {
                return library.apply(policy.egress());
            }
        };
    }
}
