package dev.chaosaction.tolerance;

/**
 * A tolerance that cannot be evaluated against the probe's output, where Chaos Toolkit would crash with a Python
 * error (a regex over a dict, a range over None...). Users see the message only, so no stack trace is kept.
 */
public final class ToleranceException extends Exception {
    public ToleranceException(String message) {
        super(message, null, false, false);
    }
}
