package dev.chaosaction.tolerance;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Python {@code re} patterns, as experiments write them, compiled for {@code java.util.regex}. The syntaxes agree
 * on nearly everything; this rewrites what Python spells or means differently:
 * <ul>
 *   <li>{@code (?P<name>...)} and {@code (?P=name)}: Java's {@code (?<name>...)} and {@code \k<name>}; names Java
 *       refuses (Python allows {@code _}) are renamed, consistently, since only matching matters here;</li>
 *   <li>a <code>{</code> that does not start a quantifier is a literal in Python (<code>${name}</code>,
 *       <code>a{</code>), an error in Java; {@code {,n}} means {@code {0,n}};</li>
 *   <li>{@code [} and {@code &} inside a class are literals in Python, nested classes and intersections in Java;</li>
 *   <li>{@code \Z} is Java's {@code \z} (Java's {@code \Z} also stops before a final newline);</li>
 *   <li>{@code (?#comment)} groups, which Java lacks, are dropped.</li>
 * </ul>
 * The flags make {@code .}, {@code ^} and {@code $} know only {@code \n} as a line end (so {@code $} also matches
 * before a trailing newline, as in Python) and {@code \w \d \s \b} Unicode-aware, as for Python's str patterns.
 */
final class PythonRegex {
    private static final int FLAGS = Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;
    private static final Pattern JAVA_GROUP_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*");
    private static final Pattern PYTHON_GROUP_NAME = Pattern.compile("\\(\\?P<([^>]*)>");
    private static final Pattern QUANTIFIER = Pattern.compile("\\{(\\d*)(,\\d*)?}");

    private PythonRegex() {}

    static Pattern compile(String python) throws PatternSyntaxException {
        return Pattern.compile(toJava(python), FLAGS);
    }

    static String toJava(String python) {
        return new Translation(python).run();
    }

    private static final class Translation {
        private final String src;
        private final StringBuilder out = new StringBuilder();
        private final Set<String> pythonNames = new HashSet<>();
        private final Map<String, String> javaNames = new HashMap<>();
        private int i;

        Translation(String src) {
            this.src = src;
            Matcher names = PYTHON_GROUP_NAME.matcher(src);
            while (names.find()) pythonNames.add(names.group(1));
        }

        String run() {
            while (i < src.length()) {
                char c = src.charAt(i);
                if (c == '\\') escape();
                else if (c == '[') characterClass();
                else if (c == '{') brace();
                else if (src.startsWith("(?P<", i)) group("(?P<", '>', "(?<", ">");
                else if (src.startsWith("(?P=", i)) group("(?P=", ')', "\\k<", ">");
                else if (src.startsWith("(?#", i)) skipComment();
                else out.append(src.charAt(i++));
            }
            return out.toString();
        }

        private void escape() {
            if (src.startsWith("\\Z", i)) out.append("\\z");
            else out.append(src, i, Math.min(i + 2, src.length()));
            i += 2;
        }

        /** A class runs to the first unescaped {@code ]}, except one right after {@code [} or {@code [^}. */
        private void characterClass() {
            out.append(src.charAt(i++));
            if (i < src.length() && src.charAt(i) == '^') out.append(src.charAt(i++));
            if (i < src.length() && src.charAt(i) == ']') {
                out.append("\\]");
                i++;
            }
            while (i < src.length() && src.charAt(i) != ']') {
                char c = src.charAt(i);
                if (c == '\\') {
                    out.append(src, i, Math.min(i + 2, src.length()));
                    i += 2;
                } else {
                    if (c == '[' || c == '&') out.append('\\');
                    out.append(c);
                    i++;
                }
            }
            if (i < src.length()) out.append(src.charAt(i++));
        }

        private void brace() {
            Matcher quantifier = QUANTIFIER.matcher(src).region(i, src.length());
            if (quantifier.lookingAt() && !quantifier.group().equals("{}")) {
                String min = quantifier.group(1).isEmpty() ? "0" : quantifier.group(1);
                out.append('{').append(min).append(quantifier.group(2) == null ? "" : quantifier.group(2)).append('}');
                i = quantifier.end();
            } else {
                out.append("\\{");
                i++;
            }
        }

        /** A named group or back reference: {@code open name close} becomes {@code javaOpen javaName javaClose}. */
        private void group(String open, char close, String javaOpen, String javaClose) {
            int nameEnd = src.indexOf(close, i + open.length());
            if (nameEnd < 0) { // unterminated: leave it for Java to report
                out.append(src, i, src.length());
                i = src.length();
                return;
            }
            out.append(javaOpen).append(javaName(src.substring(i + open.length(), nameEnd))).append(javaClose);
            i = nameEnd + 1;
        }

        private String javaName(String python) {
            return javaNames.computeIfAbsent(python, name -> {
                if (JAVA_GROUP_NAME.matcher(name).matches()) return name;
                String renamed;
                int n = javaNames.size();
                do renamed = "g" + ++n; while (pythonNames.contains(renamed) || javaNames.containsValue(renamed));
                return renamed;
            });
        }

        /** Python ends a comment group at the first {@code )}. */
        private void skipComment() {
            int close = src.indexOf(')', i);
            i = close < 0 ? src.length() : close + 1;
        }
    }
}
