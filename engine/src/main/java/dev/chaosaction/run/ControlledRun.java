package dev.chaosaction.run;

import dev.chaosaction.control.ControlRun;
import dev.chaosaction.journal.RunItem;
import java.util.Map;

/** What a control reaches of the run: its probes run as the hypothesis runs them, and its stop conditions. */
final class ControlledRun implements ControlRun {
    private final RunContext run;

    ControlledRun(RunContext run) {
        this.run = run;
    }

    @Override
    public RunItem probe(Map<String, Object> probe) {
        return run.execute(run.main(), probe, item -> {});
    }

    @Override
    public boolean withinTolerance(Map<String, Object> probe, RunItem item) {
        try {
            return "succeeded".equals(item.status()) && new HypothesisCheck(run).judge(probe, item);
        } catch (HypothesisCheck.HypothesisError e) {
            return false;
        }
    }

    @Override
    public void stop(String reason) {
        run.stops().trip("interrupted", reason);
    }
}
