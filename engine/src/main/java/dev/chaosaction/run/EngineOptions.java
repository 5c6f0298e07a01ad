package dev.chaosaction.run;

import dev.chaosaction.activity.FunctionLibraryFactory;
import dev.chaosaction.control.ControlLibrary;
import dev.chaosaction.policy.TrustPolicy;
import dev.chaosaction.safety.AlarmSource;
import dev.chaosaction.safety.KillSwitchSource;
import dev.chaosaction.safety.TargetLock;
import dev.chaosaction.validation.ValidationContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How an adapter sets the engine up.
 *
 * @param env              the environment experiments see (env configuration, PATH for process providers), and
 *                         where the kill switch is named ({@code CHAOS_KILL_SWITCH})
 * @param allowedProviders provider types accepted ({@code process} is off in Lambda unless allowed)
 * @param libraries        native function libraries for python providers (the Kubernetes extension's)
 * @param clock            the clock journal times come from
 * @param killSwitches     how kill switches are read (the aws module's S3 kill switch), asked only when one is
 *                         set; null when the adapter has none (a kill switch that is set then stops every run)
 * @param targetLock       the locks that keep two runs out of one namespace
 * @param policy           what the deployment allows experiments (environment, egress, sensitive functions);
 *                         {@link TrustPolicy#OPEN} on the command line, whose user is the operator
 * @param controls         the control modules served natively (the safeguards)
 * @param alarms           how stop alarms are read (the aws module's CloudWatch alarms), asked only when one is
 *                         set; null when the adapter has none (a stop alarm then stops every run)
 */
public record EngineOptions(Map<String, String> env, Set<String> allowedProviders,
                            List<FunctionLibraryFactory> libraries, Clock clock, KillSwitchSource killSwitches,
                            TargetLock targetLock, TrustPolicy policy, ControlLibrary controls,
                            AlarmSource alarms) {

    public static EngineOptions of(Map<String, String> env, List<FunctionLibraryFactory> libraries) {
        return new EngineOptions(env, ValidationContext.ALL_PROVIDERS, libraries, Clock.systemUTC(), null,
                TargetLock.NONE, TrustPolicy.OPEN, ControlLibrary.NONE, null);
    }

    public EngineOptions withPolicy(TrustPolicy value) {
        return new EngineOptions(env, allowedProviders, libraries, clock, killSwitches, targetLock, value,
                controls, alarms);
    }

    public EngineOptions withAllowedProviders(Set<String> allowed) {
        return new EngineOptions(env, allowed, libraries, clock, killSwitches, targetLock, policy, controls, alarms);
    }

    public EngineOptions withClock(Clock value) {
        return new EngineOptions(env, allowedProviders, libraries, value, killSwitches, targetLock, policy,
                controls, alarms);
    }

    public EngineOptions withKillSwitches(KillSwitchSource source) {
        return new EngineOptions(env, allowedProviders, libraries, clock, source, targetLock,
                policy, controls, alarms);
    }

    public EngineOptions withTargetLock(TargetLock lock) {
        return new EngineOptions(env, allowedProviders, libraries, clock, killSwitches, lock, policy, controls, alarms);
    }

    public EngineOptions withControls(ControlLibrary value) {
        return new EngineOptions(env, allowedProviders, libraries, clock, killSwitches, targetLock, policy,
                value, alarms);
    }

    public EngineOptions withAlarms(AlarmSource source) {
        return new EngineOptions(env, allowedProviders, libraries, clock, killSwitches, targetLock, policy, controls,
                source);
    }
}
