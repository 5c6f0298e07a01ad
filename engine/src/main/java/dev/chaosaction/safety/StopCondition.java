package dev.chaosaction.safety;

import java.util.Optional;

/**
 * Something watched while a run goes on that, once breached, stops it: the kill switch, a CloudWatch alarm in
 * ALARM. Implementations fail safe: a condition that cannot be read counts as breached.
 */
@FunctionalInterface
public interface StopCondition {
    /** Why the run must stop (naming the condition), or empty while it may go on. */
    Optional<String> breached();
}
