package dev.chaosaction.experiment;

import java.util.Map;

/**
 * Experiments written like our product brief say {@code "provider": {"type": "kubernetes", "module", "func"}};
 * Chaos Toolkit only knows {@code python}. Rewriting them before validation makes both forms one, and the
 * journal then shows the form Chaos Toolkit's own tooling reads. (Module aliases such as
 * {@code chaosk8s.pods.*} are resolved by the function library that owns the module.)
 */
public final class Aliases {
    private Aliases() {}

    public static void normalize(Map<String, Object> experiment) {
        Activities.forEach(experiment, (path, activity) -> {
            if (Activities.map(activity.get("provider")) instanceof Map<String, Object> provider
                    && "kubernetes".equals(provider.get("type")) && provider.containsKey("module")) {
                provider.put("type", "python");
            }
        });
    }
}
