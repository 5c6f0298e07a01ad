package dev.chaosaction.run;

import static dev.chaosaction.experiment.Activities.list;
import static dev.chaosaction.experiment.Activities.map;

import dev.chaosaction.activity.RunInterrupted;
import dev.chaosaction.control.Level;
import dev.chaosaction.safety.KillSwitches;
import java.util.List;

/**
 * Rollbacks, played when the strategy says so. One failing rollback does not stop the others; an
 * unexpected error in one (Chaos Toolkit crashes there) is recorded and the next one still runs.
 */
final class RollbackPhase {
    private final RunContext run;

    RollbackPhase(RunContext run) {
        this.run = run;
    }

    void run() {
        List<Object> rollbacks = list(run.experiment().get("rollbacks"));
        if (rollbacks.isEmpty()) return;
        if (!run.settings().rollbackStrategy().plays(run.journal().status(), run.journal().deviated())) return;
        if (skippedByKillSwitch()) return;
        run.listener().phaseStarted(Phase.ROLLBACKS);
        run.controls().before(Level.ROLLBACK, run.experiment());
        try {
            playAll(rollbacks);
        } finally {
            run.controls().after(Level.ROLLBACK, run.experiment(), run.journal().rollbacks());
        }
    }

    /** With {@code CHAOS_KILL_SWITCH_ROLLBACKS=skip}, an engaged switch plays no rollback; the journal says so. */
    private boolean skippedByKillSwitch() {
        if (run.safeguards().rollbacksAfterKillSwitch()) return false;
        var engaged = run.safeguards().killSwitch().engaged();
        engaged.ifPresent(why -> run.journal().status("aborted",
                why + "; rollbacks not played (" + KillSwitches.ROLLBACKS_ENV + "=skip)"));
        return engaged.isPresent();
    }

    private void playAll(List<Object> rollbacks) {
        for (Object declared : rollbacks) {
            try {
                run.execute(run.undo(), map(declared), run.hooks(Phase.ROLLBACKS, run.journal()::addRollback));
            } catch (RunInterrupted e) {
                run.stop("interrupted", "rollbacks stopped: " + e.getMessage());
                return;
            } catch (RuntimeException | Error e) {
                run.stop("aborted", "a rollback stopped on an unexpected error: " + MethodPhase.describe(e));
            } finally {
                run.changed();
            }
        }
    }
}
