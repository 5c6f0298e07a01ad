package dev.chaosaction.report;

import java.util.Arrays;
import java.util.List;

/**
 * A report as a few kinds of blocks, so that Markdown (the step summary) and HTML ({@code chaos report}) render
 * the same content. Text is plain: each renderer escapes it.
 */
public sealed interface Block {

    record Heading(int level, String text) implements Block {}

    record Paragraph(List<Span> spans) implements Block {
        public static Paragraph of(Span... spans) {
            return new Paragraph(Arrays.asList(spans));
        }
    }

    /** Rows hold exactly one cell per header. */
    record Table(List<String> headers, List<List<String>> rows) implements Block {}

    /** A remark about the report itself ("40 more rows not shown"). */
    record Note(String text) implements Block {}

    record Span(String text, Style style) {
        public static Span plain(String text) {
            return new Span(text, Style.PLAIN);
        }

        public static Span strong(String text) {
            return new Span(text, Style.STRONG);
        }

        public static Span code(String text) {
            return new Span(text, Style.CODE);
        }
    }

    enum Style { PLAIN, STRONG, CODE }
}
