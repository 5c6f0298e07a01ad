package dev.chaosaction.run;

import static dev.chaosaction.experiment.Activities.list;
import static dev.chaosaction.experiment.Activities.map;

import dev.chaosaction.activity.RunInterrupted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The method: activities in order, background ones in a pool the method waits for at its end. Before each
 * activity the loop stops if the run was stopped (interrupted, failed by the continuous hypothesis, aborted by
 * the kill switch). An unexpected error aborts the method, and so does an {@link Error} (a probe that ran the
 * JVM out of memory or stack): the stack it unwound is free again, so the rollbacks and the journal still come.
 */
final class MethodPhase {
    /**
     * At most this many background activities run at once (Chaos Toolkit starts one thread for each): the
     * others wait for a free thread, so an experiment cannot make thousands of threads.
     */
    static final int MAX_BACKGROUND_THREADS = 32;
    private final RunContext run;

    MethodPhase(RunContext run) {
        this.run = run;
    }

    void run() {
        List<Object> activities = list(run.experiment().get("method"));
        if (activities.isEmpty()) return;
        run.listener().phaseStarted(Phase.METHOD);
        long background = activities.stream().filter(a -> Boolean.TRUE.equals(map(a).get("background"))).count();
        ExecutorService pool = background == 0 ? null
                : Executors.newFixedThreadPool((int) Math.min(background, MAX_BACKGROUND_THREADS));
        List<Future<?>> pending = new ArrayList<>();
        try {
            for (Object declared : activities) {
                if (run.halted() || run.stopConditionBreached()) break;
                Map<String, Object> activity = map(declared);
                if (pool != null && Boolean.TRUE.equals(activity.get("background"))) {
                    pending.add(pool.submit(() -> execute(activity)));
                } else {
                    execute(activity);
                }
            }
            awaitAll(pending);
        } finally {
            if (pool != null) pool.shutdownNow();
        }
    }

    private void execute(Map<String, Object> activity) {
        try {
            run.execute(run.main(), activity, run.hooks(Phase.METHOD, run.journal()::addRun));
        } catch (RunInterrupted e) {
            run.stop("interrupted", e.getMessage());
        } catch (RuntimeException | Error e) {
            run.stop("aborted", "the method stopped on an unexpected error: " + describe(e));
        } finally {
            run.changed();
        }
    }

    private void awaitAll(List<Future<?>> pending) {
        for (Future<?> future : pending) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                run.stop("interrupted", "interrupted while waiting for background activities");
                return;
            } catch (ExecutionException e) {
                run.stop("aborted", describe(e.getCause()));
            }
        }
    }

    /** The message, or the type alone; an {@link Error} is always named, its message alone says little. */
    static String describe(Throwable e) {
        if (e instanceof Error) return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
