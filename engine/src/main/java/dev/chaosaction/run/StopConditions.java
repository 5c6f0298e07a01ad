package dev.chaosaction.run;

import dev.chaosaction.journal.Journal;
import dev.chaosaction.safety.StopCondition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one way a run is stopped by what it watches: the kill switch and CloudWatch alarms (polled here) and
 * the safeguards control (which reports its breaches through {@link #trip}). The conditions are asked before
 * each activity and right before each provider call, and a watcher thread asks them every {@code every} so
 * that a pause or a long activity is cut short. A breach marks the journal (status and reason; the first stop
 * wins) and halts the main token: nothing further starts, what is in flight is cancelled, and the rollbacks
 * play as the strategy says.
 */
final class StopConditions implements AutoCloseable {
    /** A polled condition and the status a breach gives the run. */
    record Watched(String status, StopCondition condition) {}

    private final List<Watched> watched;
    private final Journal journal;
    private final RunControl control;
    private final Duration every;
    private Thread watcher;

    StopConditions(List<Watched> watched, Journal journal, RunControl control, Duration every) {
        this.watched = List.copyOf(watched);
        this.journal = journal;
        this.control = control;
        this.every = every;
    }

    /** Asks every polled condition; true when the run is stopped (now or before) by one of them. */
    boolean check() {
        for (Watched w : watched) {
            Optional<String> reason = w.condition().breached();
            if (reason.isPresent()) {
                trip(w.status(), reason.get());
                return true;
            }
        }
        return false;
    }

    /** Stops the run for {@code reason}; later trips keep the first reason. */
    void trip(String status, String reason) {
        RunContext.stop(journal, status, reason);
        control.halt(reason);
    }

    /** Starts the watcher, when anything is polled; it ends with the run's main token or {@link #close}. */
    synchronized void watch() {
        if (watched.isEmpty() || watcher != null) return;
        watcher = Thread.ofPlatform().daemon().name("chaos-stop-conditions").start(this::poll);
    }

    private void poll() {
        try {
            while (!control.main().isCancelled() && !check()) control.main().sleep(every);
        } catch (RuntimeException e) {
            // The main token was cancelled (RunInterrupted): the run is stopping, nothing left to watch.
        }
    }

    @Override
    public synchronized void close() {
        if (watcher != null) watcher.interrupt();
    }
}
