package dev.chaosaction.tolerance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Chaos Toolkit evaluates jsonpath tolerances with jsonpath2 (pacifica/python-jsonpath2); we use Jayway json-path.
 * Paths outside filters read the same in both. Inside {@code [?(...)]} jsonpath2 writes equality as a single
 * {@code =} and combines with the keywords {@code and}, {@code or}, {@code not}, where {@code or} binds tighter than
 * {@code and}. This rewrites those into Jayway's {@code ==}, {@code &&}, {@code ||}, {@code !(...)}, adding the
 * parentheses jsonpath2's precedence implies. Jayway syntax passes through unchanged.
 *
 * <p>{@code [*][?(...)]} and {@code .*[?(...)]} need no rewriting: like jsonpath2, Jayway applies a filter that
 * follows a single object to that object itself, so both select the same elements, of a list or of a map.
 */
public final class JsonPathDialect {
    private JsonPathDialect() {}

    public static String toJayway(String path) {
        return new Rewrite(path).until((char) 0);
    }

    private enum Keyword {
        AND("and"), OR("or"), NOT("not");

        final String word;

        Keyword(String word) {
            this.word = word;
        }
    }

    private static final class Rewrite {
        private final String src;
        private int i;
        private boolean inFilter;

        Rewrite(String src) {
            this.src = src;
        }

        /** Path text up to {@code stop} (not consumed), with every filter in it rewritten. */
        String until(char stop) {
            StringBuilder out = new StringBuilder();
            while (i < src.length() && src.charAt(i) != stop) out.append(piece());
            return out.toString();
        }

        /** One unit of path or filter text: a quoted string, a subscript, a parenthesised group or one character. */
        private String piece() {
            char c = src.charAt(i);
            if (c == '\'' || c == '"') return quoted(c);
            if (src.startsWith("[?(", i)) return enclosed("[?(", ')');
            if (c == '[') return enclosed("[", ']');
            if (c == '(') return enclosed("(", ')');
            if (c == '=' && inFilter) return equality();
            i++;
            return String.valueOf(c);
        }

        /** {@code open}, then an expression (or subscript) up to {@code close}, then {@code close}. */
        private String enclosed(String open, char close) {
            boolean outer = inFilter;
            inFilter |= open.equals("[?(");
            i += open.length();
            String inner = close == ')' ? expression() : until(close);
            inFilter = outer;
            if (i >= src.length()) return open + inner;
            i++;
            return open + inner + close;
        }

        private String quoted(char quote) {
            int start = i++;
            while (i < src.length() && src.charAt(i) != quote) i += src.charAt(i) == '\\' ? 2 : 1;
            i = Math.min(i + 1, src.length());
            return src.substring(start, i);
        }

        /** jsonpath2's {@code =} is Jayway's {@code ==}; {@code ==, !=, <=, >=} and {@code =~ /regex/} stay. */
        private String equality() {
            char before = i > 0 ? src.charAt(i - 1) : ' ';
            char after = i + 1 < src.length() ? src.charAt(i + 1) : ' ';
            i++;
            if (after == '~') {
                i++;
                return "=~" + regexLiteral();
            }
            return after == '=' || "=!<>".indexOf(before) >= 0 ? "=" : "==";
        }

        /** Copies a Jayway {@code /regex/flags} whole, since an {@code =} or {@code and} in it is not an operator. */
        private String regexLiteral() {
            int start = i;
            while (i < src.length() && Character.isWhitespace(src.charAt(i))) i++;
            if (i < src.length() && src.charAt(i) == '/') {
                i++;
                while (i < src.length() && src.charAt(i) != '/') i += src.charAt(i) == '\\' ? 2 : 1;
                i = Math.min(i + 1, src.length());
                while (i < src.length() && Character.isLetter(src.charAt(i))) i++;
            }
            return src.substring(start, i);
        }

        /** A filter expression up to its closing {@code )} (not consumed). */
        private String expression() {
            List<Object> terms = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            while (i < src.length() && src.charAt(i) != ')') {
                Keyword keyword = keyword();
                if (keyword == null) {
                    text.append(piece());
                } else {
                    terms.add(text.toString());
                    text.setLength(0);
                    terms.add(keyword);
                    i += keyword.word.length();
                }
            }
            if (terms.isEmpty()) return text.toString();
            terms.add(text.toString());
            return combine(terms);
        }

        /** jsonpath2's keyword at {@code i}, if a whole word there (so {@code @.android} is a property). */
        private Keyword keyword() {
            char before = i > 0 ? src.charAt(i - 1) : ' ';
            if (!Character.isWhitespace(before) && before != '(' && before != ')') return null;
            for (Keyword keyword : Keyword.values()) {
                int end = i + keyword.word.length();
                if (src.startsWith(keyword.word, i) && end < src.length()
                        && (Character.isWhitespace(src.charAt(end)) || src.charAt(end) == '(')) {
                    return keyword;
                }
            }
            return null;
        }

        /**
         * Operands and keywords into Jayway: jsonpath2 reads {@code a or b and c} as {@code (a or b) and c}
         * ({@code andExpression: orExpression (AND andExpression)?}), Jayway as {@code a || (b && c)}.
         */
        private static String combine(List<Object> terms) {
            List<List<String>> conjuncts = new ArrayList<>();
            List<String> disjuncts = new ArrayList<>();
            int nots = 0;
            for (Object term : terms) {
                if (term == Keyword.NOT) {
                    nots++;
                } else if (term == Keyword.AND) {
                    conjuncts.add(disjuncts);
                    disjuncts = new ArrayList<>();
                } else if (term instanceof String operand && !operand.isBlank()) {
                    disjuncts.add("!(".repeat(nots) + operand.strip() + ")".repeat(nots));
                    nots = 0;
                }
            }
            conjuncts.add(disjuncts);
            boolean grouped = conjuncts.size() > 1;
            return conjuncts.stream()
                    .map(d -> grouped && d.size() > 1 ? "(" + String.join(" || ", d) + ")" : String.join(" || ", d))
                    .collect(Collectors.joining(" && "));
        }
    }
}
