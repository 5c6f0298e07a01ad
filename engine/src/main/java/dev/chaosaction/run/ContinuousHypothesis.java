package dev.chaosaction.run;

import dev.chaosaction.activity.RunInterrupted;
import dev.chaosaction.journal.SteadyState;
import java.time.Duration;

/**
 * The hypothesis checked in a loop while the method runs (strategies {@code during-method-only} and
 * {@code continuously}): a check at once, then one every {@code hypothesisFrequency} seconds. With
 * fail-fast the first deviation fails the run, which stops the method.
 */
final class ContinuousHypothesis implements AutoCloseable {
    private final RunContext run;
    private final Thread thread;
    private volatile boolean stopped;

    ContinuousHypothesis(RunContext run) {
        this.run = run;
        this.thread = Thread.ofPlatform().daemon().name("chaos-hypothesis-during").unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        HypothesisCheck check = new HypothesisCheck(run);
        Duration every = Duration.ofNanos((long) (run.settings().hypothesisFrequency() * 1e9));
        try {
            while (!stopped && !run.halted()) {
                SteadyState state = check.check(Phase.HYPOTHESIS_DURING, run.journal()::addDuring);
                if (state == null || run.halted()) return; // nothing to check, or the run was stopped meanwhile
                if (!state.met() && run.settings().failFast()) {
                    run.stop("failed", "the steady state deviated while the method ran (fail-fast)");
                    return;
                }
                run.control().main().sleep(every);
            }
        } catch (RunInterrupted e) {
            // The run is stopping; the main thread records why.
        } catch (RuntimeException | Error e) {
            run.stop("aborted", "the continuous hypothesis stopped on an error: " + MethodPhase.describe(e));
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
