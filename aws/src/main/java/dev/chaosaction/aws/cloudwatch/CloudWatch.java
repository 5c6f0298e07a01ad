package dev.chaosaction.aws.cloudwatch;

import dev.chaosaction.activity.FunctionLibraryFactory;
import java.time.Clock;

/**
 * chaosaws's CloudWatch probes as adapters plug them into the engine: one {@link ProbeLibrary} per run, over
 * the environment the adapter was given (the deployment's: region fallback and endpoints), with the credential
 * choices {@code scope} leaves the experiment.
 */
public final class CloudWatch {
    private CloudWatch() {}

    public static FunctionLibraryFactory libraryFactory(CredentialScope scope) {
        return (configuration, env, runtime) -> new ProbeLibrary(env, scope, Clock.systemUTC());
    }
}
