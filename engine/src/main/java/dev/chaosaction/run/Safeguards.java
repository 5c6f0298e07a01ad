package dev.chaosaction.run;

import dev.chaosaction.safety.KillSwitch;
import dev.chaosaction.safety.TargetLock;
import java.time.Instant;
import java.util.Set;

/**
 * What may keep a run from acting: the kill switch, asked before the run and between its activities, and the
 * locks of the namespaces it changes, taken before its first activity.
 *
 * @param namespaces the namespaces the run's actions change
 * @param until      when the run is over at the latest (its hard deadline), or null
 * @param rollbacksAfterKillSwitch whether rollbacks play once the kill switch is engaged (the deployment's
 *                   {@code CHAOS_KILL_SWITCH_ROLLBACKS}; by default they do)
 */
record Safeguards(KillSwitch killSwitch, TargetLock locks, Set<String> namespaces, Instant until,
                  boolean rollbacksAfterKillSwitch) {

    /** A run refused before its first activity; the message says why. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** Lets the run start, holding its namespaces, or refuses it. */
    TargetLock.Lease admit(String runId) throws Refused {
        var engaged = killSwitch.engaged();
        if (engaged.isPresent()) throw new Refused("not started: " + engaged.get());
        if (namespaces.isEmpty()) return () -> {};
        try {
            return locks.acquire(runId, namespaces, until);
        } catch (TargetLock.Busy e) {
            throw new Refused("not started: " + e.getMessage());
        }
    }
}
