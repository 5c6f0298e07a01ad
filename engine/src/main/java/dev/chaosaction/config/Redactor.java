package dev.chaosaction.config;

import dev.chaosaction.value.Py;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Masks secret values wherever they appear in text, journals and logs. */
public final class Redactor {
    /** Shorter values (and booleans) are skipped: masking "1" or "yes" would mask half of every journal. */
    private static final int MIN_LENGTH = 4;
    private static final String MASK = "***";

    private final List<String> values;
    private final Pattern pattern;

    private Redactor(List<String> values) {
        this.values = values;
        // Longest first: the regex tries alternatives in order, so a secret containing another is masked whole.
        this.pattern = values.isEmpty() ? null
                : Pattern.compile(values.stream().map(Pattern::quote).collect(Collectors.joining("|")));
    }

    /** Every leaf value of every scope (as Python {@code str()} text), plus {@code extra} strings. */
    public static Redactor of(Map<String, Map<String, Object>> secrets, Collection<String> extra) {
        Set<String> found = new LinkedHashSet<>();
        secrets.values().forEach(scope -> leaves(scope, found));
        extra.forEach(value -> leaves(value, found));
        List<String> values = found.stream()
                .filter(v -> v.length() >= MIN_LENGTH)
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        return new Redactor(values);
    }

    private static void leaves(Object value, Set<String> out) {
        switch (value) {
            case null -> {}
            case Boolean b -> {}
            case Map<?, ?> map -> map.values().forEach(v -> leaves(v, out));
            case List<?> list -> list.forEach(v -> leaves(v, out));
            default -> out.add(Py.str(value));
        }
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The masked values, longest first (for GitHub's {@code ::add-mask::}). */
    public Collection<String> values() {
        return values;
    }

    /** {@code text} with every occurrence of a secret replaced by {@code ***}. */
    public String redact(String text) {
        if (pattern == null || text == null) return text;
        return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(MASK));
    }

    /** A deep copy of {@code value} with secrets masked in every string, map keys included. */
    public Object redact(Object value) {
        return switch (value) {
            case String text -> redact(text);
            case Map<?, ?> map -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(redact(k), redact(v)));
                yield out;
            }
            case List<?> list -> list.stream().map(this::redact).collect(Collectors.toCollection(ArrayList::new));
            // A number typed from a secret ("${pin}") is masked too, and then becomes text.
            case Number n when pattern != null && pattern.matcher(Py.str(n)).find() -> redact(Py.str(n));
            case null, default -> value;
        };
    }
}
