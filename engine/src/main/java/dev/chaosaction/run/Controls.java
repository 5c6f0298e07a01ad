package dev.chaosaction.run;

import static dev.chaosaction.experiment.Activities.map;

import dev.chaosaction.activity.RunInterrupted;
import dev.chaosaction.config.Substitution;
import dev.chaosaction.control.Control;
import dev.chaosaction.control.ControlLibrary;
import dev.chaosaction.control.ControlRun;
import dev.chaosaction.control.Declarations;
import dev.chaosaction.control.Level;
import dev.chaosaction.value.Py;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control protocol of one run (Chaos Toolkit's {@code chaoslib.control}): each declared control (global
 * ones first) is configured once per name, its hooks are applied where {@link Declarations#applicable} says,
 * and each is cleaned up at the end. A hook that throws is ignored, as in Chaos Toolkit, except
 * {@link Control.Interrupt}, which interrupts the run through its stop conditions.
 */
final class Controls {
    private final List<Map<String, Object>> global;
    private final Map<String, Object> experiment;
    private final ControlLibrary library;
    private final Map<String, Object> lookup;
    private final StopConditions stops;
    private final Map<String, Control> configured = new LinkedHashMap<>();

    Controls(Map<String, Object> global, Map<String, Object> experiment, ControlLibrary library,
             Map<String, Object> lookup, StopConditions stops) {
        List<Map<String, Object>> named = new ArrayList<>();
        global.forEach((name, control) -> {
            Map<String, Object> copy = new LinkedHashMap<>(map(control));
            copy.put("name", name); // Chaos Toolkit names a settings control by its key
            named.add(copy);
        });
        this.global = List.copyOf(named);
        this.experiment = experiment;
        this.library = library;
        this.lookup = lookup;
        this.stops = stops;
    }

    /** {@code configure_control} for every declared control, once per name; one that fails is not applied. */
    synchronized void configure(ControlRun run) {
        List<Object> all = new ArrayList<>(global);
        all.addAll(Declarations.declared(experiment).values());
        for (Object declared : all) {
            Map<String, Object> control = map(declared);
            String name = Py.str(control.get("name"));
            if (name == null || configured.containsKey(name)) continue; // a ref with a provider is a control too
            Map<String, Object> provider = map(control.get("provider"));
            library.find(Py.str(provider.get("module"))).ifPresent(module -> {
                try {
                    configured.put(name, module.configure(map(provider.get("arguments")), run));
                } catch (Control.Interrupt e) {
                    interrupted(name, e);
                } catch (RuntimeException e) {
                    // Chaos Toolkit deregisters a control whose configure_control fails, and goes on.
                }
            });
        }
    }

    void before(Level level, Map<String, Object> context) {
        apply(level, context, "before", null);
    }

    void after(Level level, Map<String, Object> context, Object state) {
        apply(level, context, "after", state);
    }

    /** {@code cleanup_control} for every configured control; failures are ignored. */
    synchronized void cleanup() {
        for (Control control : configured.values()) {
            try {
                control.cleanup();
            } catch (RuntimeException e) {
                // Chaos Toolkit logs and goes on; so do we, so that every control is cleaned up.
            }
        }
        configured.clear();
    }

    private void apply(Level level, Map<String, Object> context, String scope, Object state) {
        for (Map<String, Object> declared : Declarations.applicable(level, global, experiment, context)) {
            Object target = declared.get("scope");
            Control control = instance(Py.str(declared.get("name")));
            if (control == null || (target != null && !scope.equals(target))) continue;
            Map<String, Object> arguments = arguments(declared);
            try {
                if ("before".equals(scope)) {
                    control.before(level, context, arguments);
                } else {
                    control.after(level, context, state, arguments);
                }
            } catch (Control.Interrupt e) {
                interrupted(Py.str(declared.get("name")), e);
            } catch (RunInterrupted e) {
                throw e;
            } catch (RuntimeException e) {
                // Chaos Toolkit logs a failing hook at debug level and carries on.
            }
        }
    }

    private synchronized Control instance(String name) {
        return configured.get(name);
    }

    /** The provider's arguments, substituted when there is configuration or secrets (Chaos Toolkit's rule). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> arguments(Map<String, Object> control) {
        Map<String, Object> arguments = map(map(control.get("provider")).get("arguments"));
        return lookup.isEmpty() ? arguments : (Map<String, Object>) Substitution.substitute(arguments, lookup);
    }

    private void interrupted(String name, Control.Interrupt e) {
        String reason = "control '" + name + "' interrupted the run: " + e.getMessage();
        stops.trip("interrupted", reason);
        throw new RunInterrupted(reason);
    }
}
