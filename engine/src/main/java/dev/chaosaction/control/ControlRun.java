package dev.chaosaction.control;

import dev.chaosaction.journal.RunItem;
import java.util.Map;

/** What a control reaches of the run it controls. */
public interface ControlRun {

    /**
     * Runs a probe as the run runs its activities (ref resolved, pauses, activity controls, stop conditions
     * checked before its provider call); it is not journaled. Throws the engine's {@code RunInterrupted} once
     * the run is stopping.
     */
    RunItem probe(Map<String, Object> probe);

    /** Whether the probe's item meets the probe's tolerance, as the hypothesis judges (false when unjudgeable). */
    boolean withinTolerance(Map<String, Object> probe, RunItem item);

    /** Stops the run as a breached stop condition does: status {@code interrupted}, {@code reason} journaled. */
    void stop(String reason);
}
