package dev.chaosaction.safety;

import dev.chaosaction.activity.ActivityFailed;

/**
 * A fault the guardrails refused. It is raised before anything is touched, and it fails the activity the
 * way any {@link ActivityFailed} does, so the run records why nothing happened.
 */
public final class GuardrailViolation extends ActivityFailed {
    public GuardrailViolation(String message) {
        super("guardrail: " + message);
    }
}
