package dev.chaosaction.aws.cloudwatch;

import dev.chaosaction.activity.FunctionLibraryFactory;
import java.time.Clock;

/**
 * chaosaws's CloudWatch probes as adapters plug them into the engine: one {@link ProbeLibrary} per run, over
 * the environment the run was given (the region's fallback), with the credential and endpoint choices
 * {@code scope} leaves the experiment ({@link ProbeClients}).
 */
public final class CloudWatch {
    private CloudWatch() {}

    public static FunctionLibraryFactory libraryFactory(CredentialScope scope) {
        return (configuration, env, runtime) -> new ProbeLibrary(env, scope, Clock.systemUTC());
    }
}
