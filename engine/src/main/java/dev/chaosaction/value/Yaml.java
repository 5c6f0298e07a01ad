package dev.chaosaction.value;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML the way Chaos Toolkit reads it: PyYAML's {@code safe_load}, YAML 1.1 (unquoted {@code on/off/yes/no}
 * are booleans). SnakeYAML implements the same resolver. Limits keep hostile documents (alias bombs, deep
 * nesting, huge files) from exhausting the runner.
 */
public final class Yaml {
    private static final int MAX_ALIASES = 50;
    private static final int MAX_DEPTH = 100;
    private static final int MAX_CODE_POINTS = 8 * 1024 * 1024;
    /**
     * Aliases let a short document stand for a huge one: SnakeYAML shares the aliased node, but a copy of the
     * document (ours below, a journal's, a validator's walk) expands every use. Even within {@link #MAX_ALIASES},
     * a chain of anchors each used twice doubles at every step. So the expanded document may hold no more values
     * and characters than the largest text accepted.
     */
    private static final long MAX_EXPANDED = MAX_CODE_POINTS;

    private Yaml() {}

    /** Parses one YAML document into the plain values {@link Py} knows; throws SnakeYAML's exception on bad YAML. */
    public static Object parse(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowDuplicateKeys(true); // PyYAML keeps the last value
        org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(new PythonConstructor(options));
        return new Expansion().normalize(yaml.load(text));
    }

    /**
     * SafeConstructor with YAML timestamps as the text Python's {@code str()} gives PyYAML's date or datetime
     * ({@code 2026-12-01}, {@code 2026-12-01 10:00:00+00:00}): what Chaos Toolkit puts where they are
     * substituted. SnakeYAML's {@code java.util.Date} would lose whether it was a date or a time.
     */
    private static final class PythonConstructor extends SafeConstructor {
        private static final Pattern TIMESTAMP = Pattern.compile("(\\d{4})-(\\d\\d?)-(\\d\\d?)"
                + "(?:(?:[Tt]|[ \\t]+)(\\d\\d?):(\\d\\d):(\\d\\d)(?:\\.(\\d*))?"
                + "(?:[ \\t]*(Z|[-+]\\d\\d?(?::?\\d\\d)?))?)?");

        PythonConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(Tag.TIMESTAMP, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return pythonStr(constructScalar((ScalarNode) node));
                }
            });
        }

        static String pythonStr(String text) {
            Matcher m = TIMESTAMP.matcher(text.strip());
            if (!m.matches()) return text;
            String date = "%s-%02d-%02d".formatted(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (m.group(4) == null) return date;
            StringBuilder out = new StringBuilder(date).append(' ').append("%02d:%s:%s"
                    .formatted(Integer.parseInt(m.group(4)), m.group(5), m.group(6)));
            String fraction = m.group(7) == null ? "" : (m.group(7) + "000000").substring(0, 6);
            if (!fraction.isEmpty() && !fraction.equals("000000")) out.append('.').append(fraction);
            String zone = m.group(8);
            if (zone != null) out.append(zone.equals("Z") ? "+00:00" : offset(zone));
            return out.toString();
        }

        private static String offset(String zone) {
            String digits = zone.substring(1).replace(":", "");
            String hours = digits.length() % 2 == 1 ? "0" + digits.substring(0, 1) : digits.substring(0, 2);
            String minutes = digits.length() > 2 ? digits.substring(digits.length() - 2) : "00";
            return zone.charAt(0) + hours + ":" + minutes;
        }
    }

    /**
     * One document's copy, counting what it expands to. An anchor used inside itself ({@code a: &a [*a]}, or
     * through another anchor) makes SnakeYAML return a collection that contains itself, which every walk of the
     * document would follow for ever; such a document is refused, as is one whose aliases nest it deeper than
     * {@link #MAX_DEPTH} (a chain of anchors each nesting the previous one).
     */
    private static final class Expansion {
        private long size;
        /** The collections being copied, outermost first: meeting one again is a cycle. */
        private final java.util.Set<Object> open = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        /** Integers become Long (or BigInteger), keys strings, dates and other tagged scalars their text. */
        private Object normalize(Object value) {
            spend(value instanceof String s ? s.length() : 1);
            if (!(value instanceof Map<?, ?> || value instanceof java.util.Collection<?>)) return scalar(value);
            if (!open.add(value)) {
                throw new YAMLException("an anchor is used inside itself (a recursive alias such as 'a: &a [*a]'),"
                        + " so the document never ends");
            }
            if (open.size() > MAX_DEPTH) {
                throw new YAMLException("the document's aliases nest it deeper than " + MAX_DEPTH + " levels");
            }
            try {
                return switch (value) {
                    case Map<?, ?> map -> {
                        Map<String, Object> out = new LinkedHashMap<>();
                        map.forEach((k, v) -> out.put(Py.str(normalize(k)), normalize(v)));
                        yield out;
                    }
                    case List<?> list -> {
                        List<Object> out = new ArrayList<>(list.size());
                        list.forEach(v -> out.add(normalize(v)));
                        yield out;
                    }
                    default -> {
                        List<Object> out = new ArrayList<>(); // a !!set
                        ((java.util.Collection<?>) value).forEach(v -> out.add(normalize(v)));
                        yield out;
                    }
                };
            } finally {
                open.remove(value);
            }
        }

        private void spend(long units) {
            size += units;
            if (size > MAX_EXPANDED) {
                throw new YAMLException("the document's aliases expand it past " + MAX_EXPANDED
                        + " values and characters");
            }
        }
    }

    private static Object scalar(Object value) {
        return switch (value) {
            case null -> null;
            case Integer i -> i.longValue();
            case BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : b;
            case String s -> s;
            case Boolean b -> b;
            case Double d -> d;
            case java.util.Date d -> d.toInstant().toString();
            case byte[] bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            default -> value.toString();
        };
    }
}
