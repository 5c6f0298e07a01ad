package dev.chaosaction.safety;

import dev.chaosaction.experiment.Problem;
import dev.chaosaction.journal.S3Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kill switches a run obeys: the deployment's ({@value #ENV}, set by whoever runs the runner) and the
 * experiment's own ({@code runtime.kill_switch}); both are {@code s3://bucket/key} objects and either stops the
 * run. A malformed {@value #ENV} stops every run (fail-safe); a malformed runtime entry is a validation problem.
 */
public final class KillSwitches {
    public static final String ENV = "CHAOS_KILL_SWITCH";
    /**
     * Whether the rollbacks play once the switch is engaged: {@code play} (the default) or {@code skip}. A
     * deployment setting only: an experiment cannot choose it.
     */
    public static final String ROLLBACKS_ENV = "CHAOS_KILL_SWITCH_ROLLBACKS";
    static final String RUNTIME_KEY = "kill_switch";

    private KillSwitches() {}

    /**
     * The run's kill switch, asked at most once a second.
     *
     * @param source how the switches are read; null when the adapter has none (a set switch then counts as
     *               engaged, since it cannot be read)
     */
    public static KillSwitch of(Map<String, String> env, Map<String, Object> runtime, KillSwitchSource source) {
        List<KillSwitch> switches = new ArrayList<>();
        String deployed = env.get(ENV);
        if (deployed != null && !deployed.isBlank()) switches.add(s3Switch(ENV, deployed.strip(), source));
        if (runtime != null && runtime.get(RUNTIME_KEY) instanceof String declared) {
            switches.add(s3Switch("runtime." + RUNTIME_KEY, declared, source));
        }
        return switches.isEmpty() ? KillSwitch.NONE : new CachedKillSwitch(KillSwitch.anyOf(switches));
    }

    /**
     * True unless the deployment set {@value #ROLLBACKS_ENV} to {@code skip}. Rollbacks play by default: they
     * undo the fault, and a fault left in place (pods scaled down, a node cordoned) is more harm, not less.
     * {@code skip} is for operators who want no further call at all once they engage the switch.
     */
    public static boolean rollbacksPlay(Map<String, String> env) {
        return !"skip".equalsIgnoreCase(env.getOrDefault(ROLLBACKS_ENV, "play").strip());
    }

    /** Problems in {@code runtime.kill_switch}; {@code runtimePath} points at the runtime block. */
    public static List<Problem> validate(Map<String, Object> runtime, String runtimePath) {
        if (runtime == null || !runtime.containsKey(RUNTIME_KEY)) return List.of();
        String path = Problem.child(runtimePath, RUNTIME_KEY);
        if (!(runtime.get(RUNTIME_KEY) instanceof String uri)) {
            return List.of(new Problem(path, "kill_switch must be an s3://bucket/key string"));
        }
        try {
            S3Location.parse(uri);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(new Problem(path, e.getMessage()));
        }
    }

    private static KillSwitch s3Switch(String source, String uri, KillSwitchSource reader) {
        S3Location location;
        try {
            location = S3Location.parse(uri);
        } catch (IllegalArgumentException e) {
            String reason = "kill switch " + source + " cannot be read: " + e.getMessage() + "; stopping to be safe";
            return () -> Optional.of(reason);
        }
        if (reader == null) {
            String reason = "kill switch " + location + " cannot be read: no S3 client here; stopping to be safe";
            return () -> Optional.of(reason);
        }
        return reader.at(location);
    }
}
