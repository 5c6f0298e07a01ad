package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.ActivityFailed;

/** The extension's {@code raise_on_…} convention: a probe that finds the state wrong raises, or answers False. */
final class Probes {
    private Probes() {}

    static boolean fail(boolean raise, String message) throws ActivityFailed {
        if (raise) throw new ActivityFailed(message);
        return false;
    }
}
