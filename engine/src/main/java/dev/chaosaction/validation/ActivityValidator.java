package dev.chaosaction.validation;

import static dev.chaosaction.experiment.Activities.map;

import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.activity.HttpProvider;
import dev.chaosaction.activity.ProcessProvider;
import dev.chaosaction.activity.Signature;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.tolerance.Tolerances;
import dev.chaosaction.value.Py;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Chaos Toolkit's {@code ensure_activity_is_valid}, one activity at a time, reporting every problem. */
final class ActivityValidator {
    private final ValidationContext context;

    ActivityValidator(ValidationContext context) {
        this.context = context;
    }

    List<Problem> check(Object candidate, String path, Map<String, Map<String, Object>> referable) {
        List<Problem> out = new ArrayList<>();
        if (!Py.truthy(candidate) || !(candidate instanceof Map<?, ?>)) {
            out.add(new Problem(path, "empty activity is no activity"));
            return out;
        }
        Map<String, Object> activity = map(candidate);
        if (activity.containsKey("ref")) {
            checkRef(activity.get("ref"), path, referable, out);
            return out;
        }
        checkTypeAndName(activity, path, out);
        checkCommonFields(activity, path, out);
        checkProvider(activity, path, out);
        return out;
    }

    List<Problem> checkTolerance(Object tolerance, String path) {
        return Tolerances.validate(tolerance, path, (probe, probePath) -> check(probe, probePath, Map.of()));
    }

    private static void checkRef(Object ref, String path, Map<String, Map<String, Object>> referable, List<Problem> out) {
        if (!(ref instanceof String name) || name.isEmpty()) {
            out.add(new Problem(path + "/ref", "reference to activity must be non-empty strings"));
        } else if (!referable.containsKey(name)) {
            out.add(new Problem(path + "/ref", "referenced activity '" + name + "' could not be found in the experiment"));
        }
    }

    private static void checkTypeAndName(Map<String, Object> activity, String path, List<Problem> out) {
        Object type = activity.get("type");
        if (type == null) {
            out.add(new Problem(path, "an activity must have a type"));
        } else if (!"probe".equals(type) && !"action".equals(type)) {
            out.add(new Problem(path + "/type", "'" + Py.str(type) + "' is not a supported activity type"));
        }
        if (!Py.truthy(activity.get("name"))) out.add(new Problem(path + "/name", "an activity must have a name"));
    }

    private static void checkCommonFields(Map<String, Object> activity, String path, List<Problem> out) {
        if (activity.containsKey("timeout") && !(activity.get("timeout") instanceof Number)) {
            out.add(new Problem(path + "/timeout", "activity timeout must be a number"));
        }
        Map<String, Object> pauses = map(activity.get("pauses"));
        for (String when : List.of("before", "after")) {
            Object pause = pauses.get(when);
            if (pause instanceof String s && !(s.startsWith("${") && s.endsWith("}"))
                    || pause != null && !(pause instanceof String) && !(pause instanceof Number)) {
                out.add(new Problem(path + "/pauses/" + when, "activity " + when + " pause must be a number or a "
                        + "pattern to a variable from the configuration or secrets"));
            }
        }
        if (activity.containsKey("background") && !(activity.get("background") instanceof Boolean)) {
            out.add(new Problem(path + "/background", "activity background must be a boolean"));
        }
    }

    private void checkProvider(Map<String, Object> activity, String path, List<Problem> out) {
        String providerPath = path + "/provider";
        if (!Py.truthy(activity.get("provider")) || !(activity.get("provider") instanceof Map<?, ?>)) {
            out.add(new Problem(providerPath, "an activity requires a provider"));
            return;
        }
        Map<String, Object> provider = map(activity.get("provider"));
        Object type = provider.get("type");
        if (type == null) {
            out.add(new Problem(providerPath, "a provider must have a type"));
            return;
        }
        if (!ValidationContext.ALL_PROVIDERS.contains(type)) {
            out.add(new Problem(providerPath + "/type", "unknown provider type '" + Py.str(type) + "'"));
            return;
        }
        if (!context.allowedProviders().contains(type)) {
            out.add(new Problem(providerPath + "/type", "provider type '" + type + "' is not allowed here (allowed: "
                    + String.join(", ", new java.util.TreeSet<>(context.allowedProviders())) + ")"));
            return;
        }
        String name = Py.str(activity.get("name"));
        switch ((String) type) {
            case "http" -> out.addAll(HttpProvider.validate(provider, providerPath, name));
            case "process" -> out.addAll(ProcessProvider.validate(provider, providerPath, name, context.env()));
            default -> checkPython(provider, providerPath, activity, out);
        }
    }

    /**
     * A function that changes things declared as a probe would escape dry runs and namespace locks: refused, as
     * is a sensitive function the deployment does not allow.
     */
    private void checkEffect(Signature signature, Map<String, Object> activity, String providerPath,
                             List<Problem> out) {
        if ("probe".equals(activity.get("type")) && signature.mutates()) {
            String activityPath = providerPath.substring(0, providerPath.length() - "/provider".length());
            out.add(new Problem(activityPath + "/type", "'" + signature.qualifiedName() + "' "
                    + signature.effect().description() + ": declare the activity as \"type\": \"action\" (whether an"
                    + " activity changes things is decided by its function, and dry runs and locks treat it so)"));
        }
        String refusal = context.policy().functions().refusal(signature);
        if (refusal != null) out.add(new Problem(providerPath + "/func", refusal));
    }

    private void checkPython(Map<String, Object> provider, String path, Map<String, Object> activity, List<Problem> out) {
        Object module = provider.get("module");
        Object func = provider.get("func");
        if (!Py.truthy(module)) out.add(new Problem(path + "/module", "a Python activity must have a module path"));
        if (!Py.truthy(func)) out.add(new Problem(path + "/func", "a Python activity must have a function name"));
        if (!(module instanceof String m) || !(func instanceof String f)) return;
        Optional<FunctionLibrary.Entry> entry = context.functions().find(m, f);
        if (entry.isEmpty()) {
            out.add(context.functions().modules().contains(m)
                    ? new Problem(path + "/func", "The python module '" + m + "' does not expose a function called '"
                            + f + "' in " + activity.get("type") + " '" + activity.get("name") + "'")
                    : new Problem(path + "/module", "could not find Python module '" + m + "' in activity '"
                            + activity.get("name") + "'; this runner implements these modules natively: "
                            + String.join(", ", context.functions().modules())));
            return;
        }
        checkEffect(entry.get().signature(), activity, path, out);
        Object arguments = provider.getOrDefault("arguments", Map.of());
        if (!(arguments instanceof Map<?, ?>)) {
            out.add(new Problem(path + "/arguments", "python provider arguments must be a mapping"));
            return;
        }
        out.addAll(entry.get().signature().bind(map(arguments), path + "/arguments", true));
    }
}
