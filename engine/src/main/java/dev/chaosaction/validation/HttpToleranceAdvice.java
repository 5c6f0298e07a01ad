package dev.chaosaction.validation;

import dev.chaosaction.experiment.Activities;
import dev.chaosaction.value.Py;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chaos Toolkit judges a jsonpath tolerance without {@code target} against the whole HTTP result
 * {@code {status, headers, body}}. A path written for the response body ({@code $.status} expecting
 * {@code "UP"}) then reads the status code, or nothing, and can never pass, and Chaos Toolkit says nothing.
 * We keep its semantics and warn, with the fix.
 */
public final class HttpToleranceAdvice {
    private static final Set<String> RESULT_KEYS = Set.of("status", "headers", "body");
    /** The first key of a path: {@code $.name}, {@code $['name']} or {@code $["name"]}. */
    private static final Pattern FIRST_KEY = Pattern.compile("^\\$(?:\\.([A-Za-z_][\\w-]*)|\\[['\"]([^'\"]+)['\"]\\])");

    private HttpToleranceAdvice() {}

    /** One warning per hypothesis probe whose jsonpath tolerance looks written for the body. */
    public static List<String> warnings(Map<String, Object> experiment) {
        List<String> warnings = new ArrayList<>();
        List<Object> probes = Activities.list(Activities.map(experiment.get(Activities.HYPOTHESIS)).get("probes"));
        for (int i = 0; i < probes.size(); i++) {
            Map<String, Object> probe = Activities.map(probes.get(i));
            Map<String, Object> tolerance = Activities.map(probe.get("tolerance"));
            if (!"http".equals(Activities.map(probe.get("provider")).get("type"))
                    || !"jsonpath".equals(tolerance.get("type")) || tolerance.containsKey("target")
                    || !(tolerance.get("path") instanceof String path)) {
                continue;
            }
            String key = firstKey(path);
            if (key == null) continue;
            boolean readsBody = !RESULT_KEYS.contains(key);
            boolean statusAgainstText = key.equals("status") && tolerance.containsKey("expect")
                    && !Py.isNumeric(tolerance.get("expect"));
            if (readsBody || statusAgainstText) {
                warnings.add(warning("/" + Activities.HYPOTHESIS + "/probes/" + i + "/tolerance", path, key,
                        tolerance.get("expect")));
            }
        }
        return warnings;
    }

    private static String warning(String at, String path, String key, Object expect) {
        String sees = RESULT_KEYS.contains(key) ? "the HTTP status code (a number)" : "nothing (no such key)";
        String never = expect == null ? "" : ", never " + Py.repr(expect);
        return at + ": the jsonpath '" + path + "' is read from the whole HTTP result {status, headers, body}, as"
                + " Chaos Toolkit does, so it sees " + sees + never + "; to read the response body add"
                + " \"target\": \"body\" to the tolerance or write '$.body" + path.substring(1) + "'";
    }

    private static String firstKey(String path) {
        Matcher m = FIRST_KEY.matcher(path.strip());
        if (!m.find()) return null;
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
