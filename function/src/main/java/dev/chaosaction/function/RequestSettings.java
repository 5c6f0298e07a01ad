package dev.chaosaction.function;

import dev.chaosaction.experiment.Activities;
import dev.chaosaction.experiment.Dry;
import dev.chaosaction.experiment.RuntimeBlock;
import dev.chaosaction.run.RunSettings;
import java.util.Map;

/**
 * A request's {@code settings}: Chaos Toolkit's {@code chaos run} options, already checked. Strategies left out
 * come from the experiment's {@code runtime} block, as with the command line.
 *
 * @param dry                 {@code probes}, {@code actions}, {@code activities}, {@code pause}, or null
 * @param rollbackStrategy    a rollback strategy, or null (then the experiment's, else {@code always})
 * @param hypothesisStrategy  a hypothesis strategy, or null
 * @param hypothesisFrequency seconds between checks of a continuous hypothesis
 * @param failFast            stop at the first deviation of a continuous hypothesis
 */
record RequestSettings(String dry, String rollbackStrategy, String hypothesisStrategy, double hypothesisFrequency,
                       boolean failFast) {
    static final RequestSettings DEFAULTS = new RequestSettings(null, null, null, 1.0, false);

    /**
     * Unlike the command line, an unattended run whose request and experiment name no rollback strategy plays
     * rollbacks {@code always}: a deadline or a failure must not leave a fault in place with nobody watching.
     */
    RunSettings resolve(Map<String, Object> experiment) {
        String rollback = rollbackStrategy != null ? rollbackStrategy
                : RuntimeBlock.strategy(Activities.map(experiment.get("runtime")), "rollbacks") == null ? "always" : null;
        return RunSettings.resolve(dry == null ? null : Dry.parse(dry), rollback, hypothesisStrategy,
                hypothesisFrequency, failFast, experiment);
    }
}
