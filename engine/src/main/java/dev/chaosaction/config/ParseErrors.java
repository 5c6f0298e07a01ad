package dev.chaosaction.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * Short, one-line descriptions of JSON and YAML parser failures for users: the parser's own words and where,
 * without the quoted source snippets the parsers append (the text may hold secrets).
 */
final class ParseErrors {
    private ParseErrors() {}

    /** The parser's message and position, e.g. {@code Unexpected end-of-input (line 3, column 1)}. */
    static String describe(RuntimeException e) {
        return switch (e) {
            case JacksonException j -> j.getOriginalMessage() + where(j);
            case MarkedYAMLException y -> yamlMessage(y);
            default -> e.getMessage();
        };
    }

    /** Only the position, for text that is itself likely to be secret (an environment variable's value). */
    static String where(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        return at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static String yamlMessage(MarkedYAMLException e) {
        String context = e.getContext() == null ? "" : e.getContext() + ": ";
        return context + e.getProblem() + where(e.getProblemMark());
    }

    private static String where(Mark mark) {
        // SnakeYAML counts from 0; editors and PyYAML's messages count from 1.
        return mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
    }
}
