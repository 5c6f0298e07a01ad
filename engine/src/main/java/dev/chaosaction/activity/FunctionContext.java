package dev.chaosaction.activity;

import java.util.Map;

/**
 * What a native function may see besides its arguments.
 *
 * @param configuration the experiment's resolved configuration
 * @param secrets       the secret scopes the provider lists, merged into one map (Chaos Toolkit's rule)
 * @param cancel        the run's cancellation, to stop long calls
 * @param dryRun        true when the run only previews actions: resolve targets, change nothing
 * @param runtime       the experiment's {@code runtime} block (guardrail settings live there)
 */
public record FunctionContext(Map<String, Object> configuration, Map<String, Object> secrets,
                              CancelToken cancel, boolean dryRun, Map<String, Object> runtime) {}
