package dev.chaosaction.tolerance;

import java.util.Map;

/**
 * Runs a {@code {"type": "probe"}} tolerance: the caller injects {@code value} into
 * {@code provider.arguments.value}, runs the probe and answers the truthiness of its result ({@code false} when it
 * fails), as Chaos Toolkit does.
 */
@FunctionalInterface
public interface ProbeTolerance {
    boolean run(Map<String, Object> probeActivity, Object value) throws ToleranceException;
}
