package dev.chaosaction.prometheus;

import dev.chaosaction.activity.FunctionLibraryFactory;

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
        return FunctionLibraryFactory.underEgress(PrometheusLibrary::new);
    }
}
