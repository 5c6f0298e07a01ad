package dev.chaosaction.activity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a run stops what is in flight. Whoever starts something that can block (an HTTP call, a process, a
 * pause) registers how to stop it; {@link #cancel} stops all of them at once and every later check throws
 * {@link RunInterrupted}.
 */
public final class CancelToken {
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final List<Runnable> hooks = new ArrayList<>();
    private volatile String reason;

    /** A handle that unregisters its hook when the guarded work is over. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    public Registration onCancel(Runnable hook) {
        synchronized (hooks) {
            if (reason == null) {
                hooks.add(hook);
                return () -> {
                    synchronized (hooks) {
                        hooks.remove(hook);
                    }
                };
            }
        }
        hook.run();
        return () -> {};
    }

    /** Stops everything registered; the first reason wins. */
    public void cancel(String why) {
        List<Runnable> toRun;
        synchronized (hooks) {
            if (reason != null) return;
            reason = why;
            toRun = List.copyOf(hooks);
            hooks.clear();
        }
        cancelled.countDown();
        toRun.forEach(CancelToken::runQuietly);
    }

    public boolean isCancelled() {
        return reason != null;
    }

    /** Why the run was cancelled, or null. */
    public String reason() {
        return reason;
    }

    public void throwIfCancelled() {
        if (reason != null) throw new RunInterrupted(reason);
    }

    /** Sleeps, waking at once (and throwing {@link RunInterrupted}) when the run is cancelled. */
    public void sleep(Duration duration) {
        try {
            if (cancelled.await(duration.toNanos(), TimeUnit.NANOSECONDS)) throwIfCancelled();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunInterrupted("thread interrupted");
        }
    }

    private static void runQuietly(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException ignored) {
            // Stopping one thing must not keep the others running.
        }
    }
}
