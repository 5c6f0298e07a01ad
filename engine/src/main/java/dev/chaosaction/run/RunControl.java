package dev.chaosaction.run;

import dev.chaosaction.activity.CancelToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops a run from outside: a signal, a deadline, a stop condition ({@link #halt}). {@link #interrupt} cancels
 * the hypothesis and the method, however often it is called; rollbacks have their own token, cancelled only by
 * {@link #stopRollbacks} (a person's second Ctrl-C) or the hard deadline, so that an interruption still leaves
 * time to undo what was done.
 */
public final class RunControl implements AutoCloseable {
    private final CancelToken main = new CancelToken();
    private final CancelToken rollbacks = new CancelToken();
    private ScheduledExecutorService timer;

    public CancelToken main() {
        return main;
    }

    public CancelToken rollbacks() {
        return rollbacks;
    }

    /** Interrupts the run (the first reason wins); rollbacks still play as the strategy says. */
    public void interrupt(String reason) {
        main.cancel(reason);
    }

    /** Interrupts the run if it was not yet, and stops the rollbacks in flight too. */
    public void stopRollbacks(String reason) {
        main.cancel(reason);
        rollbacks.cancel(reason);
    }

    /**
     * Stops the hypothesis and the method because a stop condition was breached (kill switch, alarm,
     * safeguard). Not a signal: it never touches the rollbacks, and the next signal is still the first one
     * (signals are counted where they arrive, see {@link #stopRollbacks}).
     */
    public void halt(String reason) {
        main.cancel(reason);
    }

    /** Interrupts the method {@code reserve} before {@code deadline}, and everything at the deadline itself. */
    public synchronized void deadline(Instant deadline, Duration reserve, Clock clock) {
        if (deadline == null) return;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chaos-deadline");
            t.setDaemon(true);
            return t;
        });
        long untilSoft = Duration.between(clock.instant(), deadline.minus(reserve)).toMillis();
        long untilHard = Duration.between(clock.instant(), deadline).toMillis();
        timer.schedule(() -> main.cancel("deadline reached"), Math.max(0, untilSoft), TimeUnit.MILLISECONDS);
        timer.schedule(() -> rollbacks.cancel("hard deadline reached"), Math.max(0, untilHard), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (timer != null) timer.shutdownNow();
    }
}
