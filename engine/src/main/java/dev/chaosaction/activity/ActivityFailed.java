package dev.chaosaction.activity;

/**
 * An activity that ran and failed (Chaos Toolkit's {@code ActivityFailed}): the run item is marked
 * {@code failed} and the run goes on. Anything else thrown from an activity aborts the method.
 */
public class ActivityFailed extends Exception {
    public ActivityFailed(String message) {
        super(message);
    }

    public ActivityFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
