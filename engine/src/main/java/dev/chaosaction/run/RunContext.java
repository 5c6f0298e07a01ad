package dev.chaosaction.run;

import dev.chaosaction.activity.ActivityExecutor;
import dev.chaosaction.journal.Journal;
import java.time.Clock;
import java.util.Map;

/**
 * What the phases of one run share.
 *
 * @param experiment the experiment as validated
 * @param journal    the journal being written
 * @param main       runs hypothesis and method activities (stopped by the first interruption)
 * @param undo       runs rollbacks (stopped only by a second interruption or the hard deadline)
 * @param lookup     configuration and secrets for substituting tolerances
 */
record RunContext(Map<String, Object> experiment, Journal journal, ActivityExecutor main, ActivityExecutor undo,
                  Map<String, Object> lookup, RunSettings settings, RunListener listener, RunControl control,
                  Clock clock) {

    /** Marks the run stopped (first reason wins) unless it already ended worse. */
    void stop(String status, String reason) {
        synchronized (journal) {
            String current = journal.status();
            if ("interrupted".equals(current) || "aborted".equals(current)) return;
            journal.status(status, reason);
        }
    }

    /** True once the run must not start new hypothesis or method activities. */
    boolean halted() {
        String status = journal.status();
        return control.main().isCancelled() || "failed".equals(status) || "aborted".equals(status)
                || "interrupted".equals(status);
    }
}
