package dev.chaosaction.activity;

import dev.chaosaction.experiment.Dry;
import java.util.Map;

/**
 * What every activity of one run shares.
 *
 * @param configuration resolved configuration
 * @param secrets       resolved secret scopes
 * @param lookup        configuration and secrets flattened for {@code ${name}} substitution
 * @param referable     the activities a {@code ref} may name
 * @param functions     native functions for python providers
 * @param dry           the dry mode, or null
 * @param cancel        the run's cancellation
 * @param runtime       the experiment's {@code runtime} block
 * @param beforeCall    asked before each activity and right before each provider call: the run's stop
 *                      conditions, which cancel {@code cancel} when one is breached
 */
public record ActivityScope(Map<String, Object> configuration, Map<String, Map<String, Object>> secrets,
                            Map<String, Object> lookup, Map<String, Map<String, Object>> referable,
                            FunctionCatalog functions, Dry dry, CancelToken cancel, Map<String, Object> runtime,
                            Runnable beforeCall) {}
