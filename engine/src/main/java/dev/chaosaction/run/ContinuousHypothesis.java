package dev.chaosaction.run;

import dev.chaosaction.activity.RunInterrupted;
import dev.chaosaction.journal.SteadyState;
import java.time.Duration;

/**
 * The hypothesis checked in a loop while the method runs (strategies {@code during-method-only} and
 * {@code continuously}): a check at once, then one every {@code hypothesisFrequency} seconds. With
 * fail-fast the first deviation fails the run, which stops the method. When the method ends, a check in
 * flight finishes (Chaos Toolkit waits for it too); only the wait between checks is cut short.
 */
final class ContinuousHypothesis implements AutoCloseable {
    private final RunContext run;
    private final Thread thread;
    /** Guards {@code stopped}; the loop waits on it between checks. */
    private final Object lock = new Object();
    private boolean stopped;

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
            while (!stopped() && !run.halted()) {
                SteadyState state = check.check(Phase.HYPOTHESIS_DURING, run.journal()::addDuring);
                if (state == null || run.halted()) return; // nothing to check, or the run was stopped meanwhile
                if (!state.met() && run.settings().failFast()) {
                    run.stop("failed", "the steady state deviated while the method ran (fail-fast)");
                    return;
                }
                await(every);
            }
        } catch (RunInterrupted e) {
            // The run is stopping; the main thread records why.
        } catch (RuntimeException | Error e) {
            run.stop("aborted", "the continuous hypothesis stopped on an error: " + MethodPhase.describe(e));
        }
    }

    private boolean stopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    /** Waits {@code every} or until the method ends, whichever is first; a run stopped meanwhile ends the method. */
    private void await(Duration every) {
        long deadline = System.nanoTime() + every.toNanos();
        synchronized (lock) {
            long left;
            while (!stopped && !run.halted() && !run.control().main().isCancelled() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    lock.wait(Math.max(1, Math.min(left / 1_000_000, 50)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
