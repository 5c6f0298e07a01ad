package dev.chaosaction.run;

import static dev.chaosaction.experiment.Activities.list;
import static dev.chaosaction.experiment.Activities.map;

import dev.chaosaction.activity.RunInterrupted;
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
        run.listener().phaseStarted(Phase.ROLLBACKS);
        for (Object declared : rollbacks) {
            try {
                run.undo().execute(map(declared), run.hooks(Phase.ROLLBACKS, run.journal()::addRollback));
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
