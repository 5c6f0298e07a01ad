package dev.chaosaction.run;

import dev.chaosaction.experiment.Dry;
import dev.chaosaction.experiment.HypothesisStrategy;
import dev.chaosaction.experiment.RollbackStrategy;
import dev.chaosaction.experiment.RuntimeBlock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How to run an experiment (Chaos Toolkit's {@code chaos run} options), plus a deadline.
 *
 * @param dry                 the dry mode, or null
 * @param rollbackStrategy    when rollbacks play
 * @param hypothesisStrategy  when the steady state is checked
 * @param hypothesisFrequency seconds between checks of the continuous hypothesis
 * @param failFast            stop the method at the first deviation of the continuous hypothesis
 * @param deadline            when the run must be over (null: none); the method stops {@code reserve} earlier
 * @param reserve             time kept before the deadline for rollbacks and the journal
 */
public record RunSettings(Dry dry, RollbackStrategy rollbackStrategy, HypothesisStrategy hypothesisStrategy,
                          double hypothesisFrequency, boolean failFast, Instant deadline, Duration reserve) {

    public static final RunSettings DEFAULTS = new RunSettings(null, RollbackStrategy.DEFAULT,
            HypothesisStrategy.DEFAULT, 1.0, false, null, Duration.ZERO);

    /**
     * Chaos Toolkit's precedence: a flag given on the command line wins; else, when the experiment has a
     * {@code runtime} block, both strategies come from it (a missing one is {@code default}); else the defaults.
     */
    public static RunSettings resolve(Dry dry, String rollbackFlag, String hypothesisFlag, double frequency,
                                      boolean failFast, Map<String, Object> experiment) {
        return resolve(dry, rollbackFlag, hypothesisFlag, frequency, failFast, experiment, Map.of());
    }

    /** As above, with the settings file's {@code runtime} block as the last resort. */
    public static RunSettings resolve(Dry dry, String rollbackFlag, String hypothesisFlag, double frequency,
                                      boolean failFast, Map<String, Object> experiment,
                                      Map<String, Object> settingsRuntime) {
        Map<String, Object> runtime = experiment.get("runtime") instanceof Map<?, ?>
                ? dev.chaosaction.experiment.Activities.map(experiment.get("runtime")) : settingsRuntime;
        String rollback = rollbackFlag != null ? rollbackFlag : RuntimeBlock.strategy(runtime, "rollbacks");
        String hypothesis = hypothesisFlag != null ? hypothesisFlag : RuntimeBlock.strategy(runtime, "hypothesis");
        return new RunSettings(dry,
                rollback == null ? RollbackStrategy.DEFAULT : RollbackStrategy.parse(rollback),
                hypothesis == null ? HypothesisStrategy.DEFAULT : HypothesisStrategy.parse(hypothesis),
                frequency, failFast, null, Duration.ZERO);
    }

    /**
     * The rollback strategy for a run nobody watches (the Lambda function, a CI job): the one requested, else
     * the experiment's, else {@code always}, so that a deadline, a cancelled job or a failure does not leave a
     * fault in place. The command line keeps Chaos Toolkit's {@code default}.
     */
    public static String unattendedRollback(String requested, Map<String, Object> experiment) {
        if (requested != null) return requested;
        String declared = RuntimeBlock.strategy(dev.chaosaction.experiment.Activities.map(experiment.get("runtime")),
                "rollbacks");
        return declared != null ? declared : RollbackStrategy.ALWAYS.value();
    }

    public RunSettings withDeadline(Instant when, Duration keep) {
        return new RunSettings(dry, rollbackStrategy, hypothesisStrategy, hypothesisFrequency, failFast, when, keep);
    }
}
