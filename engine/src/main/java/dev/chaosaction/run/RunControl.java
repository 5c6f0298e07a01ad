package dev.chaosaction.run;

import dev.chaosaction.activity.CancelToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops a run from outside: a signal, a deadline, a kill switch. The first stop cancels the hypothesis and
 * the method; rollbacks have their own token, cancelled only by a second stop or the hard deadline, so that
 * an interruption still leaves time to undo what was done.
 */
public final class RunControl implements AutoCloseable {
    private final CancelToken main = new CancelToken();
    private final CancelToken rollbacks = new CancelToken();
    private ScheduledExecutorService timer;
    private boolean halted;

    public CancelToken main() {
        return main;
    }

    public CancelToken rollbacks() {
        return rollbacks;
    }

    /** The first call interrupts the run; a second one also stops the rollbacks in flight. */
    public void interrupt(String reason) {
        synchronized (this) {
            if (!main.isCancelled() || halted) {
                halted = false; // a run stopped by a condition still gets its one signal before the rollbacks stop
                main.cancel(reason);
                return;
            }
        }
        rollbacks.cancel(reason);
    }

    /**
     * Stops the hypothesis and the method because a stop condition was breached (kill switch, alarm,
     * safeguard). Not a signal: the next signal is still the first one, so the rollbacks are not cut short.
     */
    public synchronized void halt(String reason) {
        if (!main.isCancelled()) halted = true;
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
