package dev.chaosaction.tolerance;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.PathNotFoundException;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.value.Json;
import dev.chaosaction.value.Py;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;

/**
 * {@code {"type": "jsonpath", "path": P, "count": N, "expect": E, "target": T}}: the values the path finds in the
 * output (a string output is parsed as JSON when it is JSON). Met when something is found; with {@code count}, when
 * that many are; with {@code expect}, when the values found are exactly {@code expect} (a list) or {@code [expect]}.
 *
 * <p>Divergence: a stock Chaos Toolkit install rejects every jsonpath tolerance unless the optional {@code jsonpath2}
 * package is installed; we always accept them, in jsonpath2's dialect or Jayway's ({@link JsonPathDialect}).
 */
final class JsonPathTolerance {
    private static final Configuration JAYWAY = PlainJsonProvider.configuration();

    private JsonPathTolerance() {}

    static List<Problem> validate(Map<String, Object> tolerance, String path) {
        String at = Problem.child(path, "path");
        if (!tolerance.containsKey("path")) {
            return List.of(new Problem(at, "hypothesis jsonpath probe tolerance must have a `path` key"));
        }
        try {
            compile(tolerance.get("path"));
            return List.of();
        } catch (ToleranceException e) {
            return List.of(new Problem(at, e.getMessage()));
        }
    }

    static boolean within(Map<String, Object> tolerance, Object output) throws ToleranceException {
        JsonPath path = compile(tolerance.get("path"));
        List<?> matches = matches(path, parsedIfJson(Target.of(tolerance, "jsonpath").select(output)));
        boolean met = !matches.isEmpty();
        Object count = tolerance.get("count");
        if (count != null) met = Py.eq((long) matches.size(), count);
        if (tolerance.containsKey("expect")) {
            Object expect = tolerance.get("expect");
            met = Py.eq(matches, expect instanceof List<?> ? expect : Collections.singletonList(expect));
        }
        return met;
    }

    private static JsonPath compile(Object path) throws ToleranceException {
        if (!(path instanceof String text)) {
            throw new ToleranceException("hypothesis probe tolerance JSON path " + Py.str(path)
                    + " has an invalid type");
        }
        String stripped = text.strip();
        if (stripped.isEmpty()) throw new ToleranceException("hypothesis probe tolerance JSON path cannot be empty");
        // jsonpath2's grammar starts at the root; Jayway would quietly read anything else as `$.` + path.
        if (!stripped.startsWith("$")) throw invalid(stripped, "it must start with `$`");
        try {
            return JsonPath.compile(JsonPathDialect.toJayway(stripped));
        } catch (InvalidPathException e) {
            // Jayway wraps what its parser trips over (e.g. `$[` goes out of bounds): no message for users there.
            throw invalid(stripped, e.getCause() == null ? e.getMessage() : "it cannot be parsed");
        }
    }

    private static ToleranceException invalid(String path, String why) {
        return new ToleranceException("hypothesis probe tolerance JSON path " + path + " is invalid: " + why);
    }

    /** Like {@code json.loads} on a string output, keeping the string when it is not JSON. */
    private static Object parsedIfJson(Object value) {
        if (!(value instanceof String text)) return value;
        try {
            return Json.parse(text);
        } catch (JacksonException e) {
            return value;
        }
    }

    /** Every value the path finds, as jsonpath2's {@code match} lists them. */
    private static List<?> matches(JsonPath path, Object document) throws ToleranceException {
        // Jayway refuses a null document; jsonpath2 finds None at the root and nothing below it.
        if (document == null) return path.getPath().equals("$") ? Collections.singletonList(null) : List.of();
        try {
            Object found = path.read(document, JAYWAY);
            return path.isDefinite() ? Collections.singletonList(found) : (List<?>) found;
        } catch (PathNotFoundException e) {
            return List.of();
        } catch (JsonPathException e) {
            throw new ToleranceException("jsonpath tolerance could not evaluate " + path.getPath() + ": "
                    + e.getMessage());
        }
    }
}
