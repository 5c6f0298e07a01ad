package dev.chaosaction.report;

import dev.chaosaction.report.Block.Heading;
import dev.chaosaction.report.Block.Note;
import dev.chaosaction.report.Block.Paragraph;
import dev.chaosaction.report.Block.Span;
import dev.chaosaction.report.Block.Table;
import java.util.List;
import java.util.stream.Collectors;

/** A self-contained HTML page (no scripts, no external resources); every piece of journal text is escaped. */
public final class HtmlRenderer {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;"
            + "padding:0 1rem}table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccc;"
            + "padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}.note{color:#555}";

    private HtmlRenderer() {}

    /** The page; its title is the first heading's text. */
    public static String render(List<Block> blocks) {
        String title = blocks.stream().filter(b -> b instanceof Heading).map(b -> ((Heading) b).text())
                .findFirst().orElse("Chaos experiment");
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n"
                + blocks.stream().map(HtmlRenderer::block).collect(Collectors.joining())
                + "</body>\n</html>\n";
    }

    private static String block(Block block) {
        return switch (block) {
            case Heading h -> "<h" + h.level() + ">" + escape(h.text()) + "</h" + h.level() + ">\n";
            case Paragraph p -> "<p>" + p.spans().stream().map(HtmlRenderer::span).collect(Collectors.joining())
                    + "</p>\n";
            case Note n -> "<p class=\"note\"><em>" + escape(n.text()) + "</em></p>\n";
            case Table t -> table(t);
        };
    }

    private static String table(Table table) {
        return "<table>\n<thead>" + row("th", table.headers()) + "</thead>\n<tbody>\n"
                + table.rows().stream().map(r -> row("td", r)).collect(Collectors.joining())
                + "</tbody>\n</table>\n";
    }

    private static String row(String cell, List<String> cells) {
        return cells.stream().map(c -> "<" + cell + ">" + escape(c) + "</" + cell + ">")
                .collect(Collectors.joining("", "<tr>", "</tr>\n"));
    }

    private static String span(Span span) {
        return switch (span.style()) {
            case PLAIN -> escape(span.text());
            case STRONG -> "<strong>" + escape(span.text()) + "</strong>";
            case CODE -> "<code>" + escape(span.text()) + "</code>";
        };
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
