package dev.chaosaction.addons;

import dev.chaosaction.activity.RunInterrupted;
import dev.chaosaction.control.Control;
import dev.chaosaction.control.ControlRun;
import dev.chaosaction.control.Level;
import dev.chaosaction.journal.RunItem;
import dev.chaosaction.value.Py;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One safeguards control in one run (chaosaddons' {@code Guardian}): pre-checks before the experiment, then
 * background and repeating probes on their own threads until the experiment's after-control or cleanup.
 * Once terminated it reports no breach, so a probe that answers late cannot change a finished journal.
 */
final class Guardian implements Control {
    private final List<Map<String, Object>> probes;
    private final ControlRun run;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    Guardian(List<Map<String, Object>> probes, ControlRun run) {
        this.probes = probes;
        this.run = run;
    }

    @Override
    public void before(Level level, Map<String, Object> context, Map<String, Object> arguments) {
        if (level != Level.EXPERIMENT) return;
        List<Map<String, Object>> now = probes.stream().filter(p -> !repeats(p) && !background(p)).toList();
        for (Map<String, Object> probe : probes) {
            if (repeats(probe)) start(probe, () -> repeatedly(probe));
            else if (background(probe)) start(probe, () -> once(probe));
        }
        preCheck(now);
    }

    @Override
    public void after(Level level, Map<String, Object> context, Object state, Map<String, Object> arguments) {
        if (level == Level.EXPERIMENT) terminate();
    }

    @Override
    public void cleanup() {
        terminate();
    }

    /** The pre-checks run side by side; the run goes on once all have answered, or stops if one failed. */
    private void preCheck(List<Map<String, Object>> now) {
        List<Thread> checks = now.stream()
                .map(p -> Thread.ofPlatform().daemon().name("chaos-safeguard-" + Py.str(p.get("name")))
                        .start(() -> once(p)))
                .toList();
        for (Thread t : checks) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunInterrupted("interrupted while the safeguards' pre-checks ran");
            }
        }
    }

    private synchronized void start(Map<String, Object> probe, Runnable body) {
        threads.add(Thread.ofPlatform().daemon().name("chaos-safeguard-" + Py.str(probe.get("name"))).start(body));
    }

    private void once(Map<String, Object> probe) {
        try {
            check(probe);
        } catch (RunInterrupted e) {
            // The run is stopping: nothing left to guard.
        }
    }

    /** Checks at once, then every {@code frequency} seconds (chaosaddons checks after each wait instead). */
    private void repeatedly(Map<String, Object> probe) {
        long every = (long) (((Number) probe.get("frequency")).doubleValue() * 1e9);
        try {
            while (check(probe) && !terminated.await(every, TimeUnit.NANOSECONDS)) {
                // next check
            }
        } catch (InterruptedException | RunInterrupted e) {
            // Terminated, or the run is stopping.
        }
    }

    /** Runs the probe; false once it failed (and stopped the run) or the guardian was terminated. */
    private boolean check(Map<String, Object> probe) {
        if (terminated.getCount() == 0) return false;
        RunItem item = run.probe(probe);
        if (run.withinTolerance(probe, item)) return true;
        synchronized (this) {
            if (terminated.getCount() == 0) return false;
            run.stop("safeguard '" + Py.str(item.activity().get("name")) + "' triggered the end of the experiment"
                    + (item.failure() == null ? ": its tolerance was not met" : ": " + item.failure()));
        }
        return false;
    }

    private synchronized void terminate() {
        terminated.countDown();
        threads.forEach(Thread::interrupt);
        threads.clear();
    }

    private static boolean repeats(Map<String, Object> probe) {
        return Py.truthy(probe.get("frequency"));
    }

    private static boolean background(Map<String, Object> probe) {
        return Py.truthy(probe.get("background"));
    }

}
