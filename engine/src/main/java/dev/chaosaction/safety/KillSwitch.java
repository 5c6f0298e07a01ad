package dev.chaosaction.safety;

import java.util.List;
import java.util.Optional;

/**
 * What an operator flips to stop chaos: while it is engaged no run starts and running ones stop before their
 * next activity. Implementations fail safe: a switch that cannot be read counts as engaged.
 */
@FunctionalInterface
public interface KillSwitch extends StopCondition {
    /** A switch nobody set up: never engaged. */
    KillSwitch NONE = Optional::empty;

    /** Why the run must stop (naming the switch), or empty when it may go on. */
    Optional<String> engaged();

    @Override
    default Optional<String> breached() {
        return engaged();
    }

    /** Engaged when any of {@code switches} is; they are asked in order, the first engaged one gives the reason. */
    static KillSwitch anyOf(List<KillSwitch> switches) {
        return () -> {
            for (KillSwitch s : switches) {
                Optional<String> reason = s.engaged();
                if (reason.isPresent()) return reason;
            }
            return Optional.empty();
        };
    }
}
