package dev.chaosaction.validation;

import static dev.chaosaction.experiment.Activities.list;
import static dev.chaosaction.experiment.Activities.map;

import dev.chaosaction.config.Configuration;
import dev.chaosaction.config.Secrets;
import dev.chaosaction.experiment.Activities;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.experiment.RuntimeBlock;
import dev.chaosaction.safety.Guardrails;
import dev.chaosaction.safety.KillSwitches;
import dev.chaosaction.safety.StopAlarms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chaos Toolkit's {@code ensure_experiment_is_valid}, in its order, except that every problem is reported
 * (Chaos Toolkit stops at the first) and what crashes Chaos Toolkit later (unknown rollback refs, unknown
 * runtime strategies, a null method) is reported here, before anything runs.
 */
public final class Validator {
    /**
     * The most activities one list (the method, the rollbacks, the hypothesis's probes) may hold: each one is
     * a journal entry, and may be a thread. Chaos Toolkit has no limit.
     */
    public static final int MAX_ACTIVITIES = 500;
    private final ValidationContext context;
    private final ActivityValidator activities;

    public Validator(ValidationContext context) {
        this.context = context;
        this.activities = new ActivityValidator(context);
    }

    public List<Problem> validate(Map<String, Object> experiment) {
        List<Problem> problems = new ArrayList<>();
        if (experiment.isEmpty()) {
            return List.of(new Problem("", "an empty experiment is not an experiment"));
        }
        requireTruthy(experiment, "title", "experiment requires a title", problems);
        requireTruthy(experiment, "description", "experiment requires a description", problems);
        checkTags(experiment, problems);
        checkExtensions(experiment, problems);
        checkResolvable(experiment, problems);
        checkHypothesis(experiment, problems);
        checkMethod(experiment, problems);
        checkRollbacks(experiment, problems);
        checkRuntime(experiment, problems);
        problems.addAll(new ControlValidator(context.controls(), activities, experiment)
                .validate(experiment, context.globalControls()));
        return problems;
    }

    private static void requireTruthy(Map<String, Object> experiment, String key, String message, List<Problem> out) {
        if (!dev.chaosaction.value.Py.truthy(experiment.get(key))) out.add(new Problem("/" + key, message));
    }

    private static void checkTags(Map<String, Object> experiment, List<Problem> out) {
        Object tags = experiment.get("tags");
        if (!dev.chaosaction.value.Py.truthy(tags)) return;
        if (!(tags instanceof List<?> list)) {
            out.add(new Problem("/tags", "experiment tags must be a list of non-empty strings"));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s) || s.isEmpty()) {
                out.add(new Problem("/tags/" + i, "experiment tags must be a non-empty string"));
            }
        }
    }

    private static void checkExtensions(Map<String, Object> experiment, List<Problem> out) {
        List<Object> extensions = list(experiment.get("extensions"));
        for (int i = 0; i < extensions.size(); i++) {
            if (!(map(extensions.get(i)).get("name") instanceof String name) || name.isBlank()) {
                out.add(new Problem("/extensions/" + i + "/name", "All extensions require a non-empty name"));
            }
        }
    }

    /**
     * Configuration and secrets are resolved for real, as Chaos Toolkit does during validation. Dynamic
     * configuration ({@code "type": "probe"} entries, run before the experiment) is checked as the probe it is.
     */
    private void checkResolvable(Map<String, Object> experiment, List<Problem> out) {
        map(experiment.get("configuration")).forEach((key, value) -> {
            if (!"probe".equals(map(value).get("type"))) return;
            String path = Problem.child("/configuration", key);
            out.addAll(activities.check(value, path, Map.of()));
        });
        try {
            Configuration.load(map(experiment.get("configuration")), context.visibleEnv(), context.policy().env());
        } catch (InvalidExperimentException e) {
            out.addAll(e.problems());
        }
        try {
            Secrets.load(map(experiment.get("secrets")), context.visibleEnv(), context.policy().env());
        } catch (InvalidExperimentException e) {
            out.addAll(e.problems());
        }
    }

    /** Chaos Toolkit's message, and the fix. */
    static final String MISSING_TOLERANCE = "hypothesis probe must have a tolerance entry; add one, e.g."
            + " \"tolerance\": true for a probe that returns a boolean, \"tolerance\": 200 for an HTTP status";

    private void checkHypothesis(Map<String, Object> experiment, List<Problem> out) {
        if (!experiment.containsKey(Activities.HYPOTHESIS)) return;
        String path = "/" + Activities.HYPOTHESIS;
        if (!(experiment.get(Activities.HYPOTHESIS) instanceof Map<?, ?>)) {
            out.add(new Problem(path, "the steady-state hypothesis must be an object"));
            return;
        }
        Map<String, Object> hypothesis = map(experiment.get(Activities.HYPOTHESIS));
        if (!dev.chaosaction.value.Py.truthy(hypothesis.get("title"))) {
            out.add(new Problem(path + "/title", "hypothesis requires a title"));
        }
        Object probes = hypothesis.get("probes");
        if (probes != null && !(probes instanceof List<?>)) {
            out.add(new Problem(path + "/probes", "hypothesis probes must be a list"));
            return;
        }
        List<Object> list = list(probes);
        if (tooMany(list, path + "/probes", out)) return;
        for (int i = 0; i < list.size(); i++) {
            String probePath = path + "/probes/" + i;
            Map<String, Object> probe = map(list.get(i));
            List<Problem> found = activities.check(list.get(i), probePath, Activities.referable(experiment));
            out.addAll(found);
            if (list.get(i) instanceof Map<?, ?> && !probe.containsKey("tolerance")) {
                out.add(new Problem(probePath, MISSING_TOLERANCE));
            } else if (probe.containsKey("tolerance")) {
                out.addAll(activities.checkTolerance(probe.get("tolerance"), probePath + "/tolerance"));
            }
        }
    }

    private void checkMethod(Map<String, Object> experiment, List<Problem> out) {
        Object method = experiment.get("method");
        if (method == null) {
            out.add(new Problem("/method", "an experiment requires a method, which can be empty for only "
                    + "checking steady state hypothesis"));
            return;
        }
        checkActivityList(method, "/method", experiment, out);
    }

    /** Rollback refs are resolved here too: Chaos Toolkit only finds an unknown one mid-run, and crashes. */
    private void checkRollbacks(Map<String, Object> experiment, List<Problem> out) {
        if (experiment.get("rollbacks") != null) checkActivityList(experiment.get("rollbacks"), "/rollbacks", experiment, out);
    }

    private void checkActivityList(Object activityList, String path, Map<String, Object> experiment, List<Problem> out) {
        if (!(activityList instanceof List<?> items)) {
            out.add(new Problem(path, path.substring(1) + " must be a list of activities"));
            return;
        }
        if (tooMany(items, path, out)) return;
        var referable = Activities.referable(experiment);
        for (int i = 0; i < items.size(); i++) out.addAll(activities.check(items.get(i), path + "/" + i, referable));
    }

    private static boolean tooMany(List<?> items, String path, List<Problem> out) {
        if (items.size() <= MAX_ACTIVITIES) return false;
        out.add(new Problem(path, "at most " + MAX_ACTIVITIES + " activities are allowed here, not " + items.size()));
        return true;
    }

    private static void checkRuntime(Map<String, Object> experiment, List<Problem> out) {
        if (!experiment.containsKey("runtime")) return;
        if (!(experiment.get("runtime") instanceof Map<?, ?>)) {
            out.add(new Problem("/runtime", "runtime must be an object"));
            return;
        }
        Map<String, Object> runtime = map(experiment.get("runtime"));
        out.addAll(RuntimeBlock.validate(runtime, "/runtime"));
        out.addAll(Guardrails.validate(runtime, "/runtime"));
        out.addAll(KillSwitches.validate(runtime, "/runtime"));
        out.addAll(StopAlarms.validate(runtime, "/runtime"));
    }
}
