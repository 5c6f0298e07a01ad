package dev.chaosaction.activity;

/**
 * Thrown from inside an activity (a request, a process, a pause) when the run is interrupted by a signal, a
 * deadline or a kill switch. The activity's run item then keeps no status, as in Chaos Toolkit.
 */
public final class RunInterrupted extends RuntimeException {
    public RunInterrupted(String reason) {
        super(reason, null, false, false);
    }
}
