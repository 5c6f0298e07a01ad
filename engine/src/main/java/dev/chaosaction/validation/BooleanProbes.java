package dev.chaosaction.validation;

import dev.chaosaction.activity.FunctionCatalog;
import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.experiment.Activities;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The product brief's dialect writes hypothesis probes as {@code "provider": {"type": "kubernetes", ...}}
 * without a tolerance. Chaos Toolkit has no such provider type, and without a tolerance a hypothesis probe is
 * invalid. In that dialect only, a probe whose function returns a boolean means "must be true": it gets the
 * tolerance {@code true}, which the journal then shows, and a notice says so. Every other probe without a
 * tolerance keeps Chaos Toolkit's rule.
 */
public final class BooleanProbes {
    private BooleanProbes() {}

    /**
     * The indexes of the hypothesis probes written in the dialect without a tolerance; read before
     * {@link dev.chaosaction.experiment.Aliases#normalize} turns their provider into a python one.
     */
    public static List<Integer> candidates(Map<String, Object> experiment) {
        List<Object> probes = probes(experiment);
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            Map<String, Object> probe = Activities.map(probes.get(i));
            if (!probe.isEmpty() && !probe.containsKey("tolerance")
                    && "kubernetes".equals(Activities.map(probe.get("provider")).get("type"))) {
                found.add(i);
            }
        }
        return found;
    }

    /** Gives each candidate whose function returns a boolean the tolerance {@code true}; returns the notices. */
    public static List<String> apply(Map<String, Object> experiment, List<Integer> candidates, FunctionCatalog catalog) {
        List<Object> probes = probes(experiment);
        List<String> notices = new ArrayList<>();
        for (int i : candidates) {
            Map<String, Object> probe = Activities.map(probes.get(i));
            Map<String, Object> provider = Activities.map(probe.get("provider"));
            String module = Activities.string(provider.get("module"));
            String func = Activities.string(provider.get("func"));
            boolean returnsBoolean = module != null && func != null && catalog.find(module, func)
                    .map(FunctionLibrary.Entry::signature).filter(s -> s.returnsBoolean()).isPresent();
            if (!returnsBoolean) continue;
            probe.put("tolerance", true);
            notices.add("/" + Activities.HYPOTHESIS + "/probes/" + i + ": probe '" + probe.get("name")
                    + "' has no tolerance; " + module + "." + func + " returns a boolean, so in the \"type\":"
                    + " \"kubernetes\" dialect it must be true (\"tolerance\": true added; Chaos Toolkit would"
                    + " reject the probe)");
        }
        return notices;
    }

    private static List<Object> probes(Map<String, Object> experiment) {
        return Activities.list(Activities.map(experiment.get(Activities.HYPOTHESIS)).get("probes"));
    }
}
