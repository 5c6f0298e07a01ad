package dev.chaosaction.action;

import dev.chaosaction.report.Block.Chart;
import dev.chaosaction.report.Block.Heading;
import dev.chaosaction.report.Block.Note;
import dev.chaosaction.report.Block.Paragraph;
import dev.chaosaction.report.Block.Span;
import dev.chaosaction.report.Block.Table;
import dev.chaosaction.report.Block;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** GitHub-flavoured Markdown, as the step summary shows it; every piece of journal text is escaped. */
public final class MarkdownRenderer {
    /**
     * GitHub refuses a step summary over 1 MiB ("upload aborted"); this leaves room for whatever else the step
     * writes there.
     */
    public static final int SUMMARY_LIMIT_BYTES = 1_000_000;
    static final String CUT_NOTE = "\n_The summary was cut here to stay within GitHub's size limit; "
            + "the journal has the whole run._\n";
    private static final String FENCE = "```";
    private static final Pattern SPECIAL = Pattern.compile("[\\\\`*_\\[\\]<>|~#!]");

    private MarkdownRenderer() {}

    /** The blocks as Markdown, cut at a line boundary (with a note) if longer than {@code maxBytes} in UTF-8. */
    public static String render(List<Block> blocks, int maxBytes) {
        String text = blocks.stream().map(MarkdownRenderer::block).collect(Collectors.joining("\n"));
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) return text;
        int room = maxBytes - CUT_NOTE.getBytes(StandardCharsets.UTF_8).length;
        int cut = room;
        // A newline is one byte in UTF-8 and never inside a character: cutting after one keeps the text whole.
        while (cut > 0 && bytes[cut - 1] != '\n') cut--;
        String kept = new String(bytes, 0, cut, StandardCharsets.UTF_8);
        // A cut inside a chart leaves the chart out: in an open code fence the note would be code too.
        boolean open = kept.lines().filter(l -> l.startsWith(FENCE)).count() % 2 == 1;
        return open ? kept.substring(0, kept.lastIndexOf(FENCE)) + CUT_NOTE : kept + CUT_NOTE;
    }

    private static String block(Block block) {
        return switch (block) {
            case Heading h -> "#".repeat(h.level()) + " " + escape(h.text()) + "\n";
            case Paragraph p -> p.spans().stream().map(MarkdownRenderer::span).collect(Collectors.joining()) + "\n";
            case Note n -> "_" + escape(n.text()) + "_\n";
            case Table t -> table(t);
            case Chart c -> MermaidChart.render(c);
        };
    }

    private static String table(Table table) {
        StringBuilder out = new StringBuilder(row(table.headers()));
        out.append(table.headers().stream().map(h -> "---").collect(Collectors.joining(" | ", "| ", " |\n")));
        table.rows().forEach(r -> out.append(row(r)));
        return out.toString();
    }

    private static String row(List<String> cells) {
        return cells.stream().map(MarkdownRenderer::escape).collect(Collectors.joining(" | ", "| ", " |\n"));
    }

    private static String span(Span span) {
        return switch (span.style()) {
            case PLAIN -> escape(span.text());
            case STRONG -> "**" + escape(span.text()) + "**";
            // A code span cannot hold its own delimiter; such text is shown plain instead.
            case CODE -> span.text().contains("`") || span.text().contains("\n") ? escape(span.text())
                    : "`" + span.text() + "`";
        };
    }

    /** Plain text on one line: Markdown and HTML punctuation backslash-escaped, {@code &} as an entity. */
    static String escape(String text) {
        String oneLine = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace("&", "&amp;");
        return SPECIAL.matcher(oneLine).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
    }
}
