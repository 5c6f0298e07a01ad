package dev.chaosaction.config;

import dev.chaosaction.value.Json;
import dev.chaosaction.value.Py;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Masks secret values wherever they appear in text, journals and logs, also in the forms a secret takes on its
 * way: percent-encoded (as a URL or a form body gives them, upper- or lower-case hex: an HTTP error message quotes
 * the URL as sent, a server may echo its query), JSON-escaped (a server echoing it in a JSON text, with or without
 * {@code \\uXXXX} escapes), and base64 (standard or URL-safe, at any of the three byte offsets in a longer
 * encoding, and wrapped across lines as {@code base64} does at 76 columns). Of a base64 form only the whole
 * groups that depend on the secret alone are masked, so at most two bytes' worth of its ends stay visible.
 */
public final class Redactor {
    /**
     * Secrets shorter than this (and booleans) are skipped: masking "1" or "yes" would mask half of every
     * journal. A configuration value read from the environment under a neutral name is masked from
     * {@link #MIN_ENV_LENGTH}: namespaces, ports and counts ("default", "8080", "3") stay readable.
     */
    public static final int MIN_LENGTH = 4;
    /** See {@link #MIN_LENGTH}. */
    public static final int MIN_ENV_LENGTH = 8;
    /** A base64 form shorter than this could turn up in any blob by chance. */
    private static final int MIN_BASE64 = 8;
    private static final String MASK = "***";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final Pattern PERCENT_HEX = Pattern.compile("%[0-9A-F]{2}");
    /**
     * Configuration names that say their value is a credential (the words Spring Boot sanitizes, and tokens):
     * experiments often read those from the environment or {@code --var} instead of declaring secrets.
     */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)password|passwd|secret|token|credential|api[_-]?key|access[_-]?key|private[_-]?key|authorization");

    private final List<String> values;
    private final Pattern pattern;
    /**
     * Strings one of which any occurrence of a form contains: the literal forms, and the 4-character groups of
     * the base64 ones (a line break, at most one in 8 characters, leaves one group whole). Looking for them
     * with {@code indexOf} is much faster than the pattern, which only runs when one is found.
     */
    private final Set<String> needles = new LinkedHashSet<>();

    private Redactor(List<String> values) {
        this.values = values;
        Map<String, String> forms = new LinkedHashMap<>(); // literal form -> its regex
        for (String value : values) {
            for (String form : textForms(value)) {
                forms.putIfAbsent(form, Pattern.quote(form));
                needles.add(form);
            }
            for (String form : base64Forms(value)) {
                forms.putIfAbsent(form, wrappable(form));
                for (int i = 0; i + 4 <= form.length(); i += 4) needles.add(form.substring(i, i + 4));
            }
        }
        // Longest first: the regex tries alternatives in order, so a secret containing another is masked whole.
        this.pattern = values.isEmpty() ? null : Pattern.compile(forms.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed())
                .map(Map.Entry::getValue).collect(Collectors.joining("|")));
    }

    /** The value, percent-encoded three ways (each in upper- and lower-case hex), and JSON-escaped two ways. */
    private static Set<String> textForms(String value) {
        Set<String> forms = new LinkedHashSet<>();
        String form = URLEncoder.encode(value, StandardCharsets.UTF_8);
        for (String encoded : List.of(form, form.replace("+", "%20"), queryForm(value))) {
            forms.add(encoded);
            forms.add(PERCENT_HEX.matcher(encoded).replaceAll(m -> m.group().toLowerCase(Locale.ROOT)));
        }
        String json = Json.write(value);
        String escaped = json.substring(1, json.length() - 1);
        forms.addAll(List.of(value, escaped, escaped.replace("/", "\\/"), asciiJson(escaped)));
        return forms;
    }

    /**
     * The base64 groups that encode the value alone, at each of the three offsets it may start at in a longer
     * encoding, standard and URL-safe.
     */
    private static Set<String> base64Forms(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        Set<String> forms = new LinkedHashSet<>();
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = new byte[offset + bytes.length];
            System.arraycopy(bytes, 0, shifted, offset, bytes.length);
            int whole = shifted.length / 3 * 3;
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(Arrays.copyOf(shifted, whole));
            // The first group of a shifted encoding mixes in the bytes before the value: leave it out.
            String form = offset == 0 ? encoded : encoded.substring(Math.min(4, encoded.length()));
            if (form.length() < MIN_BASE64) continue;
            forms.add(form);
            forms.add(form.replace('+', '-').replace('/', '_'));
        }
        return forms;
    }

    /** A regex for {@code form} that also matches it broken across lines. */
    private static String wrappable(String form) {
        return form.chars().mapToObj(c -> Pattern.quote(Character.toString(c)))
                .collect(Collectors.joining("(?:\\r?\\n)?"));
    }

    /** A JSON string body as Python's {@code json.dumps} writes it: every non-ASCII character {@code \\uXXXX}. */
    private static String asciiJson(String escaped) {
        StringBuilder out = new StringBuilder();
        escaped.chars().forEach(c -> out.append(c < 0x80 ? Character.toString(c) : String.format("\\u%04x", c)));
        return out.toString();
    }

    /**
     * The redactor of a run: every secret, and every configuration value whose name says it is a credential
     * ({@code api_token}, {@code db_password}), wherever the value came from.
     */
    public static Redactor forRun(Map<String, Object> configuration, Map<String, Map<String, Object>> secrets) {
        return forRun(configuration, secrets, List.of());
    }

    /**
     * The same, and every value read from the environment ({@code fromEnv}) whatever its name: the environment
     * is the deployment's, an experiment that reads it must not be able to write it into a journal. Those under
     * a neutral name are masked from {@link #MIN_ENV_LENGTH} characters.
     */
    public static Redactor forRun(Map<String, Object> configuration, Map<String, Map<String, Object>> secrets,
                                  Collection<?> fromEnv) {
        List<Object> named = configuration.entrySet().stream()
                .filter(e -> SECRET_NAME.matcher(e.getKey()).find())
                .map(Map.Entry::getValue)
                .toList();
        Set<String> env = new LinkedHashSet<>();
        fromEnv.forEach(value -> leaves(value, env));
        List<String> longEnough = env.stream().filter(v -> v.length() >= MIN_ENV_LENGTH).toList();
        return of(secrets, Stream.concat(named.stream(), longEnough.stream()).toList());
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
        if (pattern == null || text == null || needles.stream().noneMatch(text::contains)) return text;
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
