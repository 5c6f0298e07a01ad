package dev.chaosaction.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Typed reads of the plain maps an experiment is made of, and the walk over all of its activities. */
public final class Activities {
    private Activities() {}

    public static final String HYPOTHESIS = "steady-state-hypothesis";

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    public static String string(Object value) {
        return value instanceof String s ? s : null;
    }

    /** The activities by name that a {@code ref} may point to: the method and the hypothesis probes. */
    public static Map<String, Map<String, Object>> referable(Map<String, Object> experiment) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        List<Object> candidates = new ArrayList<>(list(experiment.get("method")));
        candidates.addAll(list(map(experiment.get(HYPOTHESIS)).get("probes")));
        for (Object candidate : candidates) {
            Map<String, Object> activity = map(candidate);
            if (activity.get("name") instanceof String name && !activity.containsKey("ref")) {
                byName.putIfAbsent(name, activity);
            }
        }
        return byName;
    }

    /** Visits every activity (hypothesis probes, method, rollbacks, probe tolerances) with its JSON path. */
    public static void forEach(Map<String, Object> experiment, BiConsumer<String, Map<String, Object>> visitor) {
        List<Object> probes = list(map(experiment.get(HYPOTHESIS)).get("probes"));
        for (int i = 0; i < probes.size(); i++) {
            String path = "/" + HYPOTHESIS + "/probes/" + i;
            Map<String, Object> probe = map(probes.get(i));
            visitor.accept(path, probe);
            Map<String, Object> tolerance = map(probe.get("tolerance"));
            if ("probe".equals(tolerance.get("type"))) visitor.accept(path + "/tolerance", tolerance);
        }
        for (String phase : List.of("method", "rollbacks")) {
            List<Object> activities = list(experiment.get(phase));
            for (int i = 0; i < activities.size(); i++) visitor.accept("/" + phase + "/" + i, map(activities.get(i)));
        }
    }
}
