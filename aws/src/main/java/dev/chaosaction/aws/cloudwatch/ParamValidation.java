package dev.chaosaction.aws.cloudwatch;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.value.Py;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;

/**
 * The request checks boto3 makes before it sends anything (botocore's {@code ParamValidationError}), for the values
 * chaosaws passes through unchecked: a {@code None} statistic or dimension value, a malformed dimension. The AWS
 * SDK for Java would send these, or drop them silently; chaosaws's users get botocore's words, so do ours.
 */
final class ParamValidation {
    private static final Set<String> DIMENSION_KEYS = Set.of("Name", "Value");

    private final List<String> problems = new ArrayList<>();

    /** Requires a string at {@code path}. */
    String string(String path, Object value) {
        if (value instanceof String s) return s;
        problems.add("Invalid type for parameter " + path + ", value: " + Py.repr(value) + ", type: <class '"
                + (value == null ? "NoneType" : Py.typeName(value)) + "'>, valid types: <class 'str'>");
        return null;
    }

    /** The dimensions of a {@code [{"Name": …, "Value": …}]} list, as botocore checks each entry. */
    List<Dimension> dimensions(String path, List<?> entries) {
        List<Dimension> dimensions = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = path + "[" + i + "]";
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                problems.add("Invalid type for parameter " + at + ", value: " + Py.repr(entries.get(i)) + ", type: <class '"
                        + Py.typeName(entries.get(i)) + "'>, valid types: <class 'dict'>");
                continue;
            }
            for (String key : List.of("Name", "Value")) {
                if (!entry.containsKey(key)) problems.add("Missing required parameter in " + at + ": \"" + key + "\"");
            }
            for (Object key : entry.keySet()) {
                if (!DIMENSION_KEYS.contains(key)) {
                    problems.add("Unknown parameter in " + at + ": \"" + key + "\", must be one of: Name, Value");
                }
            }
            String name = entry.containsKey("Name") ? string(at + ".Name", entry.get("Name")) : null;
            String value = entry.containsKey("Value") ? string(at + ".Value", entry.get("Value")) : null;
            dimensions.add(Dimension.builder().name(name).value(value).build());
        }
        return dimensions;
    }

    /** The one dimension chaosaws makes of {@code dimension_name} and {@code dimension_value}, either maybe None. */
    Dimension dimension(String path, Object name, Object value) {
        return Dimension.builder().name(string(path + ".Name", name)).value(string(path + ".Value", value)).build();
    }

    /** Fails with every problem found, as botocore lists them. */
    void check() throws ActivityFailed {
        if (!problems.isEmpty()) {
            throw new ActivityFailed("Parameter validation failed:\n" + String.join("\n", problems));
        }
    }
}
