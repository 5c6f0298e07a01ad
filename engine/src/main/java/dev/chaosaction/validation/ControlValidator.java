package dev.chaosaction.validation;

import static dev.chaosaction.experiment.Activities.map;

import dev.chaosaction.control.ControlLibrary;
import dev.chaosaction.control.ControlModule;
import dev.chaosaction.control.Declarations;
import dev.chaosaction.experiment.Activities;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.value.Py;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chaos Toolkit's {@code validate_controls} and the module's own {@code validate_control}, for the experiment's
 * controls and the settings' global ones. Where Chaos Toolkit only warns (a module it cannot import, a provider
 * that is not python: the control is then skipped at run time), this is an error naming what is served: a
 * control the author relies on for safety is never ignored in silence.
 */
final class ControlValidator {
    /** Where the settings file's controls are reported: they are not part of the experiment document. */
    static final String SETTINGS = "settings:/controls";

    private final ControlLibrary library;
    private final ControlModule.ActivityChecks checks;

    ControlValidator(ControlLibrary library, ActivityValidator activities, Map<String, Object> experiment) {
        this.library = library;
        var referable = Activities.referable(experiment);
        this.checks = new ControlModule.ActivityChecks() {
            @Override
            public List<Problem> activity(Object activity, String path) {
                return activities.check(activity, path, referable);
            }

            @Override
            public List<Problem> tolerance(Object tolerance, String path) {
                return activities.checkTolerance(tolerance, path);
            }
        };
    }

    List<Problem> validate(Map<String, Object> experiment, Map<String, Object> global) {
        List<Problem> out = new ArrayList<>();
        for (String container : List.of("/controls", "/" + Activities.HYPOTHESIS + "/controls")) {
            Object value = container.equals("/controls") ? experiment.get("controls")
                    : map(experiment.get(Activities.HYPOTHESIS)).get("controls");
            if (value != null && !(value instanceof List<?>)) out.add(new Problem(container, "controls must be a list"));
        }
        Map<String, Object> declared = Declarations.declared(experiment);
        Set<String> names = new TreeSet<>();
        declared.values().forEach(c -> {
            if (map(c).get("ref") == null && map(c).get("name") instanceof String n) names.add(n);
        });
        declared.forEach((path, control) -> check(control, path, names, out));
        global.forEach((name, control) -> {
            Map<String, Object> named = new java.util.LinkedHashMap<>(map(control));
            named.put("name", name); // Chaos Toolkit names a settings control by its key
            check(control instanceof Map<?, ?> ? named : control, SETTINGS + "/" + name, Set.of(), out);
        });
        return out;
    }

    private void check(Object candidate, String path, Set<String> names, List<Problem> out) {
        if (!(candidate instanceof Map<?, ?>)) {
            out.add(new Problem(path, "a control must be an object"));
            return;
        }
        Map<String, Object> control = map(candidate);
        // Chaos Toolkit checks a ref and then goes on: a ref needs a name and a provider too (and is applied).
        if (control.get("ref") != null) {
            if (!names.contains(Py.str(control.get("ref")))) {
                out.add(new Problem(path + "/ref", "Control reference '" + Py.str(control.get("ref"))
                        + "' declaration cannot be found"));
            }
        }
        if (!Py.truthy(control.get("name"))) {
            out.add(new Problem(path + "/name", "A control must have a `name` property"));
        }
        Object scope = control.get("scope");
        if (scope != null && !"before".equals(scope) && !"after".equals(scope)) {
            out.add(new Problem(path + "/scope", "Control scope property must be 'before' or 'after' only"));
        }
        if (control.containsKey("automatic") && !(control.get("automatic") instanceof Boolean)) {
            out.add(new Problem(path + "/automatic", "Control automatic property must be a boolean"));
        }
        if (!control.containsKey("provider")) {
            out.add(new Problem(path, "Control must have a `provider` property"));
            return;
        }
        checkProvider(map(control.get("provider")), path + "/provider", out);
    }

    private void checkProvider(Map<String, Object> provider, String path, List<Problem> out) {
        if (!"python".equals(provider.get("type"))) {
            out.add(new Problem(path + "/type", "a control's provider must be of type 'python' (the only kind "
                    + "Chaos Toolkit applies); served control modules: " + served()));
            return;
        }
        if (!Py.truthy(provider.get("module"))) {
            out.add(new Problem(path + "/module", "Control must have a module path"));
            return;
        }
        Object arguments = provider.getOrDefault("arguments", Map.of());
        if (!(arguments instanceof Map<?, ?>)) {
            out.add(new Problem(path + "/arguments", "control provider arguments must be a mapping"));
            return;
        }
        String module = Py.str(provider.get("module"));
        library.find(module).ifPresentOrElse(
                m -> out.addAll(m.validate(map(arguments), path + "/arguments", checks)),
                () -> out.add(new Problem(path + "/module", "control module '" + module + "' is not served by this "
                        + "runner (Python controls cannot run here); served control modules: " + served())));
    }

    private String served() {
        return library.names().isEmpty() ? "none" : String.join(", ", library.names());
    }
}
