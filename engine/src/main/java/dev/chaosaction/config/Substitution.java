package dev.chaosaction.config;

import dev.chaosaction.value.Py;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chaos Toolkit's {@code ${name}} substitution: Python's {@code string.Template.safe_substitute} plus CTK's
 * typed shortcut ({@code TypedTemplate}). One pass over the text, so a value that contains a placeholder is
 * never expanded again and no input can loop.
 */
public final class Substitution {
    /**
     * Python's {@code Template.pattern}: {@code $$}, bare {@code $name}, {@code ${name}}, or a lone {@code $}
     * (the empty "invalid" group), tried in that order.
     */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\$(?:(?<escaped>\\$)|(?<named>[_A-Za-z][_A-Za-z0-9]*)|\\{(?<braced>[_A-Za-z][_A-Za-z0-9]*)}|(?<invalid>))");

    private Substitution() {}

    /**
     * The names {@code ${..}} can see: configuration first, then every secret scope in declaration order,
     * flattened; the first definition of a name wins (CTK's {@code ChainMap}).
     */
    public static Map<String, Object> lookup(Map<String, Object> configuration,
                                             Map<String, Map<String, Object>> secrets) {
        Map<String, Object> names = new LinkedHashMap<>();
        if (configuration != null) names.putAll(configuration);
        if (secrets != null) {
            for (Map<String, Object> scope : secrets.values()) {
                // containsKey, not putIfAbsent: a name defined as null still hides later definitions.
                scope.forEach((name, value) -> {
                    if (!names.containsKey(name)) names.put(name, value);
                });
            }
        }
        return names;
    }

    /** A copy of {@code value} with placeholders replaced in every string, through maps (values only) and lists. */
    public static Object substitute(Object value, Map<String, Object> lookup) {
        return switch (value) {
            case String text -> substituteString(text, lookup);
            case Map<?, ?> map -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(k, substitute(v, lookup)));
                yield out;
            }
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                list.forEach(item -> out.add(substitute(item, lookup)));
                yield out;
            }
            case null, default -> value;
        };
    }

    private static Object substituteString(String text, Map<String, Object> lookup) {
        if (text.indexOf('$') < 0) return text; // most strings: no placeholder, no matcher
        Matcher m = PLACEHOLDER.matcher(text);
        // CTK's typed shortcut only looks at the braced group: "${n}" keeps n's type, "$n" alone becomes str(n).
        if (m.matches() && m.group("braced") != null && lookup.containsKey(m.group("braced"))) {
            return lookup.get(m.group("braced"));
        }
        m.reset();
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start()).append(replacement(m, lookup));
            last = m.end();
        }
        return out.append(text, last, text.length()).toString();
    }

    private static String replacement(Matcher m, Map<String, Object> lookup) {
        if (m.group("escaped") != null) return "$";
        String name = m.group("named") != null ? m.group("named") : m.group("braced");
        if (name != null && lookup.containsKey(name)) return Py.str(lookup.get(name));
        return m.group(); // unknown names and a lone "$" stay as written
    }
}
