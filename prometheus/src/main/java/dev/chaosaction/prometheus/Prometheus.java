package dev.chaosaction.prometheus;

import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.activity.FunctionLibraryFactory;
import dev.chaosaction.policy.EgressPolicy;
import dev.chaosaction.policy.TrustPolicy;
import java.util.Map;

/**
 * The Prometheus extension as adapters plug it into the engine: one {@link PrometheusLibrary} per run, whose
 * queries reach only what the deployment's egress policy allows (the engine passes its policy in).
 */
public final class Prometheus {
    /** The package whose functions these mirror, and its version. */
    public static final String PACKAGE = "chaostoolkit-prometheus";
    public static final String VERSION = "0.6.0";

    private Prometheus() {}

    public static FunctionLibraryFactory libraryFactory() {
        return new FunctionLibraryFactory() {
            /** Without a policy (discovery lists the signatures only): the command line's, which is open. */
            @Override
            public FunctionLibrary create(Map<String, Object> configuration, Map<String, String> env,
                                          Map<String, Object> runtime) {
                return new PrometheusLibrary(EgressPolicy.OPEN);
            }

            @Override
            public FunctionLibrary create(Map<String, Object> configuration, Map<String, String> env,
                                          Map<String, Object> runtime, TrustPolicy policy) {
                return new PrometheusLibrary(policy.egress());
            }
        };
    }
}
