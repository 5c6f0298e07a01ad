package dev.chaosaction.config;

import dev.chaosaction.value.Py;
import java.util.ArrayList;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Masks secret values wherever they appear in text, journals and logs, also in the percent-encoded forms a URL
 * or a form body gives them: an HTTP error message quotes the URL as sent, a server may echo its query.
 */
public final class Redactor {
    /** Shorter values (and booleans) are skipped: masking "1" or "yes" would mask half of every journal. */
    private static final int MIN_LENGTH = 4;
    private static final String MASK = "***";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /**
     * Configuration names that say their value is a credential (the words Spring Boot sanitizes, and tokens):
     * experiments often read those from the environment or {@code --var} instead of declaring secrets.
     */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)password|passwd|secret|token|credential|api[_-]?key|access[_-]?key|private[_-]?key|authorization");

    private final List<String> values;
    private final Pattern pattern;

    private Redactor(List<String> values) {
        this.values = values;
        Set<String> forms = new LinkedHashSet<>();
        for (String value : values) {
            String form = URLEncoder.encode(value, StandardCharsets.UTF_8);
            forms.addAll(List.of(value, form, form.replace("+", "%20"), queryForm(value)));
        }
        // Longest first: the regex tries alternatives in order, so a secret containing another is masked whole.
        this.pattern = values.isEmpty() ? null : Pattern.compile(forms.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote).collect(Collectors.joining("|")));
    }

    /**
     * The redactor of a run: every secret, and every configuration value whose name says it is a credential
     * ({@code api_token}, {@code db_password}), wherever the value came from.
     */
    public static Redactor forRun(Map<String, Object> configuration, Map<String, Map<String, Object>> secrets) {
        List<Object> named = configuration.entrySet().stream()
                .filter(e -> SECRET_NAME.matcher(e.getKey()).find())
                .map(Map.Entry::getValue)
                .toList();
        return of(secrets, named);
    }

    /** Every leaf value of every scope (as Python {@code str()} text), plus the leaves of {@code extra}. */
    public static Redactor of(Map<String, Map<String, Object>> secrets, Collection<?> extra) {
        Set<String> found = new LinkedHashSet<>();
        secrets.values().forEach(scope -> leaves(scope, found));
        extra.forEach(value -> leaves(value, found));
        List<String> values = found.stream()
                .filter(v -> v.length() >= MIN_LENGTH)
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        return new Redactor(values);
    }

    /**
     * {@code value} as it stands in a query string sent by OkHttp (the HTTP provider's client): controls, space,
     * {@code "'<>#} and non-ASCII bytes percent-encoded, everything else as it is.
     */
    private static String queryForm(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= ' ' || c >= 0x7f || "\"'<>#".indexOf(c) >= 0) out.append('%').append(HEX.toHexDigits(b));
            else out.append((char) c);
        }
        return out.toString();
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

    /** {@code value} with secrets masked in every string, map keys included: a deep copy when there are any. */
    public Object redact(Object value) {
        if (pattern == null) return value; // nothing to mask: no copy either
        return switch (value) {
            case String text -> redact(text);
            case Map<?, ?> map -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(redact(k), redact(v)));
                yield out;
            }
            case List<?> list -> list.stream().map(this::redact).collect(Collectors.toCollection(ArrayList::new));
            // A number typed from a secret ("${pin}") is masked too, and then becomes text.
            case Number n when pattern.matcher(Py.str(n)).find() -> redact(Py.str(n));
            case null, default -> value;
        };
    }
}
