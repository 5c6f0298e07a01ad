package dev.chaosaction.run;

import dev.chaosaction.activity.FunctionLibraryFactory;
import dev.chaosaction.control.ControlLibrary;
import dev.chaosaction.policy.TrustPolicy;
import dev.chaosaction.safety.TargetLock;
import dev.chaosaction.validation.ValidationContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How an adapter sets the engine up.
 *
 * @param env              the environment experiments see (env configuration, PATH for process providers), and
 *                         where the kill switch is named ({@code CHAOS_KILL_SWITCH})
 * @param allowedProviders provider types accepted ({@code process} is off in Lambda unless allowed)
 * @param libraries        native function libraries for python providers (the Kubernetes extension's)
 * @param clock            the clock journal times come from
 * @param s3               the S3 client kill switches are read with, asked for only when one is set; null when
 *                         the adapter has none (a kill switch that is set then stops every run)
 * @param targetLock       the locks that keep two runs out of one namespace
 * @param policy           what the deployment allows experiments (environment, egress, sensitive functions);
 *                         {@link TrustPolicy#OPEN} on the command line, whose user is the operator
 * @param controls         the control modules served natively (the safeguards)
 * @param cloudWatch       the CloudWatch client stop alarms are read with, asked for only when one is set; null
 *                         when the adapter has none (a stop alarm then stops every run)
 */
public record EngineOptions(Map<String, String> env, Set<String> allowedProviders,
                            List<FunctionLibraryFactory> libraries, Clock clock, Supplier<S3Client> s3,
                            TargetLock targetLock, TrustPolicy policy, ControlLibrary controls,
                            Supplier<CloudWatchClient> cloudWatch) {

    public static EngineOptions of(Map<String, String> env, List<FunctionLibraryFactory> libraries) {
        return new EngineOptions(env, ValidationContext.ALL_PROVIDERS, libraries, Clock.systemUTC(), null,
                TargetLock.NONE, TrustPolicy.OPEN, ControlLibrary.NONE, null);
    }

    public EngineOptions withPolicy(TrustPolicy value) {
        return new EngineOptions(env, allowedProviders, libraries, clock, s3, targetLock, value, controls, cloudWatch);
    }

    public EngineOptions withAllowedProviders(Set<String> allowed) {
        return new EngineOptions(env, allowed, libraries, clock, s3, targetLock, policy, controls, cloudWatch);
    }

    public EngineOptions withClock(Clock value) {
        return new EngineOptions(env, allowedProviders, libraries, value, s3, targetLock, policy, controls, cloudWatch);
    }

    public EngineOptions withS3(Supplier<S3Client> client) {
        return new EngineOptions(env, allowedProviders, libraries, clock, client, targetLock,
                policy, controls, cloudWatch);
    }

    public EngineOptions withTargetLock(TargetLock lock) {
        return new EngineOptions(env, allowedProviders, libraries, clock, s3, lock, policy, controls, cloudWatch);
    }

    public EngineOptions withControls(ControlLibrary value) {
        return new EngineOptions(env, allowedProviders, libraries, clock, s3, targetLock, policy, value, cloudWatch);
    }

    public EngineOptions withCloudWatch(Supplier<CloudWatchClient> client) {
        return new EngineOptions(env, allowedProviders, libraries, clock, s3, targetLock, policy, controls, client);
    }
}
