package dev.chaosaction.report;

import dev.chaosaction.journal.Verdict;

/** A verdict for a person: a mark and a headline, the first thing the summary and the log say. */
public final class Headlines {
    private Headlines() {}

    public static String mark(Verdict verdict) {
        return switch (verdict) {
            case HELD -> "✅";
            case DEVIATED, UNHEALTHY_BEFORE, ROLLBACK_FAILED -> "❌";
            case NOT_INJECTED, UNVERIFIED, ABORTED, INTERRUPTED -> "⚠️";
        };
    }

    public static String headline(Verdict verdict) {
        return switch (verdict) {
            case HELD -> "Held: the steady state was met before and after the faults";
            case DEVIATED -> "Deviated: the steady state was not met after the method";
            case UNHEALTHY_BEFORE -> "Unhealthy before: the steady state was not met before the method";
            case ROLLBACK_FAILED -> "Rollback failed: the system may not be as it was";
            case NOT_INJECTED -> "Not injected: no fault was injected";
            case UNVERIFIED -> "Unverified: the steady state was not checked on both sides of the faults";
            case ABORTED -> "Aborted";
            case INTERRUPTED -> "Interrupted";
        };
    }
}
