package dev.chaosaction.run;

import dev.chaosaction.activity.ActivityExecutor;
import dev.chaosaction.control.Level;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.RunItem;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the phases of one run share.
 *
 * @param experiment the experiment as validated
 * @param journal    the journal being written
 * @param main       runs hypothesis and method activities (stopped by the first interruption)
 * @param undo       runs rollbacks (stopped only by a second interruption or the hard deadline)
 * @param lookup     configuration and secrets for substituting tolerances
 * @param safeguards the kill switch and the target locks, asked before the run starts
 * @param stops      the stop conditions (kill switch, alarms, safeguards) watched while it runs
 * @param controls   the run's controls
 */
record RunContext(Map<String, Object> experiment, Journal journal, ActivityExecutor main, ActivityExecutor undo,
                  Map<String, Object> lookup, RunSettings settings, RunListener listener, RunControl control,
                  Clock clock, Safeguards safeguards, StopConditions stops, Controls controls) {

    /** Tells the listener the journal changed (see {@link RunListener#journalChanged}). */
    void changed() {
        listener.journalChanged(journal);
    }

    /**
     * The hooks of an activity of {@code phase}: its item goes to the journal ({@code add}) as it starts, its end
     * (method and rollbacks only; probes are told with their check) and its pauses to the listener.
     */
    ActivityExecutor.Hooks hooks(Phase phase, Consumer<RunItem> add) {
        return new ActivityExecutor.Hooks() {
            @Override
            public void started(RunItem item) {
                add.accept(item);
                changed();
            }

            @Override
            public void ended(RunItem item) {
                if (phase == Phase.METHOD || phase == Phase.ROLLBACKS) listener.activityEnded(phase, item);
                changed();
            }

            @Override
            public void pausing(Map<String, Object> activity, String when, double seconds) {
                listener.pausing(phase, activity, when, seconds);
            }
        };
    }

    /** Marks the run stopped (first reason wins) unless it already ended worse. */
    void stop(String status, String reason) {
        stop(journal, status, reason);
    }

    static void stop(Journal journal, String status, String reason) {
        synchronized (journal) {
            String current = journal.status();
            if ("interrupted".equals(current) || "aborted".equals(current)) return;
            journal.status(status, reason);
        }
    }

    /**
     * Asked before each hypothesis or method activity: a breached stop condition (the kill switch, an alarm)
     * stops the run here, and the rollbacks play as the strategy says.
     */
    boolean stopConditionBreached() {
        return stops.check();
    }

    /** Runs one activity between its controls' {@code before_activity_control} and {@code after_activity_control}. */
    RunItem execute(ActivityExecutor executor, Map<String, Object> declared, ActivityExecutor.Hooks hooks) {
        Map<String, Object> activity = executor.resolve(declared);
        controls.before(Level.ACTIVITY, activity);
        RunItem item = null;
        try {
            item = executor.execute(activity, hooks);
            return item;
        } finally {
            controls.after(Level.ACTIVITY, activity, item);
        }
    }

    /** True once the run must not start new hypothesis or method activities. */
    boolean halted() {
        String status = journal.status();
        return control.main().isCancelled() || "failed".equals(status) || "aborted".equals(status)
                || "interrupted".equals(status);
    }
}
