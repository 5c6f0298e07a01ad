package dev.chaosaction.function;

import dev.chaosaction.experiment.Dry;
import dev.chaosaction.run.RunSettings;
import java.util.Map;

/**
 * A request's {@code settings}: Chaos Toolkit's {@code chaos run} options, already checked. Strategies left out
 * come from the experiment's {@code runtime} block, as with the command line.
 *
 * @param dry                 {@code probes}, {@code actions}, {@code activities}, {@code pause}, or null
 * @param rollbackStrategy    a rollback strategy, or null
 * @param hypothesisStrategy  a hypothesis strategy, or null
 * @param hypothesisFrequency seconds between checks of a continuous hypothesis
 * @param failFast            stop at the first deviation of a continuous hypothesis
 */
record RequestSettings(String dry, String rollbackStrategy, String hypothesisStrategy, double hypothesisFrequency,
                       boolean failFast) {
    static final RequestSettings DEFAULTS = new RequestSettings(null, null, null, 1.0, false);

    RunSettings resolve(Map<String, Object> experiment) {
        return RunSettings.resolve(dry == null ? null : Dry.parse(dry), rollbackStrategy, hypothesisStrategy,
                hypothesisFrequency, failFast, experiment);
    }
}
