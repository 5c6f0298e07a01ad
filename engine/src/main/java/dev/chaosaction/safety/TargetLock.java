package dev.chaosaction.safety;

import java.time.Instant;
import java.util.Set;

/**
 * Keeps two runs from injecting faults into one namespace at once: a run takes the locks of the namespaces its
 * actions change before its first activity, and gives them back when it is over (rollbacks included).
 */
@FunctionalInterface
public interface TargetLock {
    /** No locking (a single runner, or one without shared storage). */
    TargetLock NONE = (runId, namespaces, until) -> () -> {};

    /**
     * Takes the locks of all {@code namespaces}, or of none.
     *
     * @param until when the run is over at the latest (its hard deadline), or null when it has none; a lock
     *              is stale after it, so that a crashed run does not block its namespaces for ever
     * @throws Busy when a namespace is another run's, or when the locks cannot be read (fail-safe)
     */
    Lease acquire(String runId, Set<String> namespaces, Instant until) throws Busy;

    /** Locks held; closing gives them back (a failure to do so leaves them to go stale). */
    @FunctionalInterface
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /** Why a run may not have its namespaces now. */
    final class Busy extends Exception {
        public Busy(String message) {
            super(message, null, false, false);
        }

        public Busy(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
