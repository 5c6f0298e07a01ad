package dev.chaosaction.safety;

import static dev.chaosaction.experiment.Activities.list;
import static dev.chaosaction.experiment.Activities.map;

import dev.chaosaction.activity.FunctionCatalog;
import dev.chaosaction.activity.Param;
import dev.chaosaction.config.Substitution;
import dev.chaosaction.experiment.Activities;
import dev.chaosaction.value.Py;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The namespaces a run changes, read from the experiment before it runs: the {@code ns} argument of every
 * Kubernetes action (module {@code chaosk8s...}) of the method and the rollbacks, after {@code ${}}
 * substitution, or the function's default when it is not given. Probes only read, so they lock nothing (a
 * function that changes things counts as an action whatever its declared type); node actions take no namespace.
 */
public final class Targets {
    static final String MODULE_PREFIX = "chaosk8s";
    static final String NAMESPACE = "ns";

    private Targets() {}

    public static Set<String> namespaces(Map<String, Object> experiment, Map<String, Object> lookup,
                                         FunctionCatalog catalog) {
        Map<String, Map<String, Object>> referable = Activities.referable(experiment);
        List<Object> activities = new ArrayList<>(list(experiment.get("method")));
        activities.addAll(list(experiment.get("rollbacks")));
        Set<String> namespaces = new TreeSet<>();
        for (Object declared : activities) {
            Map<String, Object> activity = map(declared);
            if (activity.get("ref") instanceof String ref) activity = referable.getOrDefault(ref, Map.of());
            String namespace = namespace(activity, lookup, catalog);
            if (namespace != null) namespaces.add(namespace);
        }
        return namespaces;
    }

    /** The namespace a Kubernetes action works in, or null when it is not one or takes none. */
    private static String namespace(Map<String, Object> activity, Map<String, Object> lookup, FunctionCatalog catalog) {
        Map<String, Object> provider = map(activity.get("provider"));
        if (!"action".equals(catalog.effectiveType(activity)) || !"python".equals(provider.get("type"))
                || !(provider.get("module") instanceof String module) || !module.startsWith(MODULE_PREFIX)) {
            return null;
        }
        Param param = catalog.find(module, Py.str(provider.get("func")))
                .map(entry -> entry.signature().param(NAMESPACE)).orElse(null);
        if (param == null) return null;
        Object given = map(Substitution.substitute(provider.get("arguments"), lookup)).get(NAMESPACE);
        Object namespace = given != null ? given : param.defaultValue();
        return namespace == null ? null : Py.str(namespace);
    }
}
