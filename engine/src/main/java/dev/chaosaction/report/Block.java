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

    /**
     * One numeric value of a probe over the run ({@link Series}), on a time axis of {@code span} seconds from the
     * run's start, with the method's span (when its faults were in) if it ran.
     */
    record Chart(Series series, Window method, double span) implements Block {}

    /** From {@code from} to {@code to} seconds after the run started. */
    record Window(double from, double to) {}

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
