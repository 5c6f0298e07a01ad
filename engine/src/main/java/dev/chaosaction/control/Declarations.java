package dev.chaosaction.control;

import static dev.chaosaction.experiment.Activities.list;
import static dev.chaosaction.experiment.Activities.map;

import dev.chaosaction.experiment.Activities;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where controls are declared and which apply where (Chaos Toolkit's {@code get_controls} and
 * {@code get_context_controls}). Declared at the experiment's top level, in the steady-state hypothesis, on
 * activities, or globally (the settings file). Top-level controls with {@code automatic} (default true) also
 * apply to the hypothesis, the method, the rollbacks and every activity, unless that level declares a control
 * of the same name.
 */
public final class Declarations {
    private Declarations() {}

    /** Every control declared in the experiment, keyed by its JSON path, in Chaos Toolkit's order. */
    public static Map<String, Object> declared(Map<String, Object> experiment) {
        Map<String, Object> found = new LinkedHashMap<>();
        addAll(found, "/controls", experiment.get("controls"));
        String hypothesis = "/" + Activities.HYPOTHESIS;
        addAll(found, hypothesis + "/controls", map(experiment.get(Activities.HYPOTHESIS)).get("controls"));
        List<Object> probes = list(map(experiment.get(Activities.HYPOTHESIS)).get("probes"));
        for (int i = 0; i < probes.size(); i++) {
            addAll(found, hypothesis + "/probes/" + i + "/controls", map(probes.get(i)).get("controls"));
        }
        for (String phase : List.of("method", "rollbacks")) {
            List<Object> activities = list(experiment.get(phase));
            for (int i = 0; i < activities.size(); i++) {
                addAll(found, "/" + phase + "/" + i + "/controls", map(activities.get(i)).get("controls"));
            }
        }
        return found;
    }

    /**
     * The controls that apply at {@code level} for {@code context} (the experiment for the experiment, method
     * and rollback levels; the hypothesis or the activity otherwise), in the order they are applied. As in
     * Chaos Toolkit, at the method and rollback levels the experiment's automatic controls replace the global
     * ones when there are any. Unlike Chaos Toolkit, a top-level control is applied once per level even when
     * that level declares several controls (Chaos Toolkit inserts it once per declared control).
     */
    public static List<Map<String, Object>> applicable(Level level, List<Map<String, Object>> global,
                                                       Map<String, Object> experiment, Map<String, Object> context) {
        List<Map<String, Object>> top = maps(experiment.get("controls"));
        List<Map<String, Object>> controls = new ArrayList<>(global);
        controls.addAll(maps(context.get("controls")));
        if (top.isEmpty()) return controls;
        List<Map<String, Object>> automatic = top.stream().filter(Declarations::automatic).toList();
        if (controls.isEmpty() || level == Level.METHOD || level == Level.ROLLBACK) return automatic;
        List<Map<String, Object>> result = new ArrayList<>(controls);
        for (Map<String, Object> c : controls) {
            if (c.get("ref") != null) {
                top.stream().filter(t -> Objects.equals(c.get("ref"), t.get("name"))).findFirst().ifPresent(result::add);
            }
        }
        if (level != Level.EXPERIMENT) {
            List<Object> names = controls.stream().filter(c -> c.get("ref") == null).map(c -> c.get("name")).toList();
            List<Map<String, Object>> inherited = automatic.stream().filter(t -> !names.contains(t.get("name"))).toList();
            result.addAll(0, inherited);
        }
        return result;
    }

    private static boolean automatic(Map<String, Object> control) {
        return !Boolean.FALSE.equals(control.get("automatic"));
    }

    private static List<Map<String, Object>> maps(Object value) {
        return list(value).stream().filter(Map.class::isInstance).map(Activities::map).toList();
    }

    private static void addAll(Map<String, Object> found, String path, Object controls) {
        if (controls == null) return;
        if (!(controls instanceof List<?> items)) {
            found.put(path, controls);
            return;
        }
        for (int i = 0; i < items.size(); i++) found.put(path + "/" + i, items.get(i));
    }
}
