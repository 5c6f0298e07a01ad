package dev.chaosaction.run;

import dev.chaosaction.activity.RunInterrupted;
import dev.chaosaction.control.Level;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.SteadyState;
import dev.chaosaction.journal.Verdict;
import dev.chaosaction.safety.TargetLock;

/**
 * One run of an experiment, phase by phase (Chaos Toolkit's {@code Runner._run}): the hypothesis before,
 * the method (with the continuous hypothesis beside it), the hypothesis after, then the rollbacks. Before all
 * of it the safeguards admit the run (kill switch off, its namespaces locked) or it ends {@code aborted} at
 * once. Whatever happens, the run ends with a status and the journal is complete.
 */
final class Runner {
    private final RunContext run;
    private final HypothesisCheck hypothesis;

    Runner(RunContext run) {
        this.run = run;
        this.hypothesis = new HypothesisCheck(run);
    }

    Journal run() {
        Journal journal = run.journal();
        try (TargetLock.Lease ignored = run.safeguards().admit(journal.runId());
             StopConditions stops = run.stops()) {
            stops.watch();
            play();
        } catch (Safeguards.Refused e) {
            // Nothing ran, so there is nothing to roll back; and the namespaces may be another run's.
            run.stop("aborted", e.getMessage());
        }
        if ("running".equals(journal.status())) journal.status("completed", null);
        journal.end(run.clock().instant());
        closeControls();
        journal.verdict(Verdict.judge(journal.toMap())); // last: the after-controls may still change the journal
        run.listener().runEnded(journal);
        return journal;
    }

    /** Chaos Toolkit's order: the experiment's after-controls get the finished journal, then every cleanup. */
    private void closeControls() {
        try {
            run.controls().after(Level.EXPERIMENT, run.experiment(), run.journal());
        } catch (RunInterrupted e) {
            // The run is over; an interruption asked for now has nothing left to stop.
        } finally {
            run.controls().cleanup();
        }
    }

    /** The phases, rollbacks included, once the run holds its namespaces. */
    private void play() {
        try {
            run.control().main().throwIfCancelled(); // stopped before it began: nothing is checked
            run.controls().configure(new ControlledRun(run));
            run.controls().before(Level.EXPERIMENT, run.experiment()); // safeguards' pre-checks block here
            run.control().main().throwIfCancelled();
            if (steadyBefore()) {
                methodWithDuring();
                steadyAfter();
            }
        } catch (RunInterrupted e) {
            run.stop("interrupted", e.getMessage());
        } catch (HypothesisCheck.HypothesisError e) {
            run.stop("aborted", "the steady state could not be judged: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            run.stop("aborted", "the run stopped on an unexpected error: " + MethodPhase.describe(e));
        }
        stopIfInterrupted();
        new RollbackPhase(run).run();
        // An interruption during the rollbacks does not stop them (a second one does), but the run was interrupted.
        stopIfInterrupted();
    }

    /** A check cut short by an interruption or the kill switch judges nothing. */
    private boolean stoppedDuringCheck() {
        String status = run.journal().status();
        return run.control().main().isCancelled() || "interrupted".equals(status) || "aborted".equals(status);
    }

    private void stopIfInterrupted() {
        if (run.control().main().isCancelled()) run.stop("interrupted", run.control().main().reason());
    }

    /** False when the method must not run: the steady state was not met before it. */
    private boolean steadyBefore() {
        if (!run.settings().hypothesisStrategy().before() || hypothesis.probes().isEmpty()) return true;
        run.listener().phaseStarted(Phase.HYPOTHESIS_BEFORE);
        SteadyState state = hypothesis.check(Phase.HYPOTHESIS_BEFORE, run.journal()::before);
        if (run.halted()) return false; // stopped during the check (kill switch, interruption)
        if (state == null || state.met()) return true;
        if (HypothesisCheck.probeFailed(state)) {
            run.stop("failed", "a probe of the steady state failed before the method");
        } else {
            run.journal().status("completed", "the steady state was not met before the method; the method was skipped");
        }
        return false;
    }

    private void methodWithDuring() {
        boolean during = run.settings().hypothesisStrategy().during() && !hypothesis.probes().isEmpty();
        try (ContinuousHypothesis loop = during ? new ContinuousHypothesis(run) : null) {
            if (loop != null) loop.start();
            run.controls().before(Level.METHOD, run.experiment());
            try {
                new MethodPhase(run).run();
            } finally {
                run.controls().after(Level.METHOD, run.experiment(), run.journal().run());
            }
        }
    }

    /** Chaos Toolkit's deviation check: unmet after the method means deviated; a failed probe also fails. */
    private void steadyAfter() {
        if (!run.settings().hypothesisStrategy().after() || run.control().main().isCancelled()) return;
        String status = run.journal().status();
        if ("interrupted".equals(status) || "aborted".equals(status) || hypothesis.probes().isEmpty()) return;
        run.listener().phaseStarted(Phase.HYPOTHESIS_AFTER);
        SteadyState state = hypothesis.check(Phase.HYPOTHESIS_AFTER, run.journal()::after);
        if (state == null || state.met() || stoppedDuringCheck()) return;
        run.journal().deviated(true);
        run.journal().status(HypothesisCheck.probeFailed(state) ? "failed" : "completed",
                "the steady state deviated after the method");
    }
}
