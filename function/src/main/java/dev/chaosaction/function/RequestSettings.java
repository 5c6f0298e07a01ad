package dev.chaosaction.function;

import dev.chaosaction.experiment.Dry;
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

    /** Nobody watches a Lambda run: with no strategy named anywhere, rollbacks play {@code always}. */
    RunSettings resolve(Map<String, Object> experiment) {
        return RunSettings.resolve(dry == null ? null : Dry.parse(dry),
                RunSettings.unattendedRollback(rollbackStrategy, experiment), hypothesisStrategy,
                hypothesisFrequency, failFast, experiment);
    }
}
