package dev.chaosaction.run;

import static dev.chaosaction.experiment.Activities.list;
import static dev.chaosaction.experiment.Activities.map;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.config.Substitution;
import dev.chaosaction.control.Level;
import dev.chaosaction.experiment.Activities;
import dev.chaosaction.journal.RunItem;
import dev.chaosaction.journal.SteadyState;
import dev.chaosaction.tolerance.ToleranceException;
import dev.chaosaction.tolerance.Tolerances;
import dev.chaosaction.value.Py;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One check of the steady-state hypothesis: probes in order, each judged by its tolerance; the first failed
 * probe or unmet tolerance ends the check (Chaos Toolkit's {@code run_steady_state_hypothesis}).
 */
final class HypothesisCheck {
    private final RunContext run;

    HypothesisCheck(RunContext run) {
        this.run = run;
    }

    /** The probes to check, or an empty list when the experiment has no hypothesis to run. */
    List<Object> probes() {
        return list(map(run.experiment().get(Activities.HYPOTHESIS)).get("probes"));
    }

    /**
     * Runs the check; {@code null} when there is nothing to check. {@code record} gets the state before its
     * first probe runs, so that the journal keeps the probes of a check that is interrupted or stopped by the
     * kill switch; it reads unmet until every probe has met its tolerance.
     */
    SteadyState check(Phase phase, Consumer<SteadyState> record) {
        if (probes().isEmpty()) return null;
        Map<String, Object> hypothesis = map(run.experiment().get(Activities.HYPOTHESIS));
        SteadyState state = new SteadyState();
        run.controls().before(Level.HYPOTHESIS, hypothesis);
        try {
            record.accept(state);
            state.met(allMet(phase, state));
        } finally {
            run.controls().after(Level.HYPOTHESIS, hypothesis, state);
        }
        run.listener().hypothesisChecked(phase, state);
        return state;
    }

    private boolean allMet(Phase phase, SteadyState state) {
        for (Object declared : probes()) {
            if (run.stopConditionBreached()) return false;
            Map<String, Object> probe = map(declared);
            RunItem item = run.execute(run.main(), probe, run.hooks(phase, state::add));
            boolean met = "succeeded".equals(item.status()) && judge(probe, item);
            item.toleranceMet(met);
            run.changed();
            if (!met) return false;
        }
        return true;
    }

    /** True when any probe of the state failed to run (as opposed to merely missing its tolerance). */
    static boolean probeFailed(SteadyState state) {
        return state.probes().stream().anyMatch(p -> "failed".equals(p.status()));
    }

    /** Whether the probe's output meets its tolerance; {@link HypothesisError} when it cannot be judged. */
    boolean judge(Map<String, Object> declared, RunItem item) {
        if (run.settings().dry() != null && run.settings().dry().skipsTolerances()) return true;
        Object tolerance = substitute(declared.containsKey("tolerance") ? declared.get("tolerance")
                : run.main().resolve(declared).get("tolerance"));
        try {
            return Tolerances.within(tolerance, item.output(), this::probeTolerance);
        } catch (ToleranceException e) {
            throw new HypothesisError(e.getMessage());
        }
    }

    /** Chaos Toolkit substitutes string tolerances and the strings of regex/jsonpath ones, not ranges or lists. */
    private Object substitute(Object tolerance) {
        return switch (tolerance) {
            case String s -> Substitution.substitute(s, run.lookup());
            case Map<?, ?> m when !"range".equals(m.get("type")) && !"probe".equals(m.get("type")) -> {
                Map<String, Object> copy = new LinkedHashMap<>(map(m));
                for (String key : List.of("pattern", "path", "expect")) {
                    if (copy.containsKey(key)) copy.put(key, Substitution.substitute(copy.get(key), run.lookup()));
                }
                yield copy;
            }
            default -> tolerance;
        };
    }

    /** A probe tolerance gets the output as its {@code value} argument; a truthy result meets it. */
    private boolean probeTolerance(Map<String, Object> probe, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(probe);
        Map<String, Object> provider = new LinkedHashMap<>(map(probe.get("provider")));
        Map<String, Object> arguments = new LinkedHashMap<>(map(provider.get("arguments")));
        arguments.put("value", value);
        provider.put("arguments", arguments);
        copy.put("provider", provider);
        try {
            return Py.truthy(run.main().call(copy, false));
        } catch (ActivityFailed e) {
            return false;
        }
    }

    /** A tolerance that cannot be judged against the output it got (Chaos Toolkit crashes there). */
    static final class HypothesisError extends RuntimeException {
        HypothesisError(String message) {
            super(message, null, false, false);
        }
    }
}
