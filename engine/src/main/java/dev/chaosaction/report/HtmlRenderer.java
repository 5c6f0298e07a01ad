package dev.chaosaction.report;

import dev.chaosaction.report.Block.Chart;
import dev.chaosaction.report.Block.Heading;
import dev.chaosaction.report.Block.Note;
import dev.chaosaction.report.Block.Paragraph;
import dev.chaosaction.report.Block.Span;
import dev.chaosaction.report.Block.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A self-contained HTML page: no script, and nothing loaded from elsewhere, which its Content-Security-Policy
 * enforces (only its own style sheet, named by its hash, may apply); every piece of journal text is escaped.
 * Charts are inline SVG ({@link SvgChart}).
 */
public final class HtmlRenderer {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;"
            + "padding:0 1rem}table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccc;"
            + "padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}.note{color:#555}"
            + ".chart{margin:1rem 0}.chart-svg{max-width:100%;height:auto;font:12px system-ui,sans-serif}"
            + "figcaption{font-weight:600}.plot{fill:#fff;stroke:#999}.fault{fill:#fbe0e0}.band{fill:#d9f2db}"
            + ".band-line{stroke:#2e7d32;stroke-width:2;stroke-dasharray:6 4}.grid{stroke:#e6e6e6}"
            + ".tick,.axis,.key{fill:#333}.line{fill:none;stroke:#666;stroke-width:1.5}.point{stroke:#fff}"
            + ".before{fill:#1f77b4}.during{fill:#ff7f0e}.after{fill:#6a3d9a}.method{fill:#7f7f7f}"
            + ".point.miss{stroke:#d62728;stroke-width:3}.swatch{stroke:#999}";
    /** Nothing but this page's own style sheet: no script, font, image or frame, from anywhere. */
    static final String POLICY = "default-src 'none'; style-src '" + sha256(STYLE) + "'; base-uri 'none'; "
            + "form-action 'none'";

    private HtmlRenderer() {}

    /** The page; its title is the first heading's text. */
    public static String render(List<Block> blocks) {
        String title = blocks.stream().filter(b -> b instanceof Heading).map(b -> ((Heading) b).text())
                .findFirst().orElse("Chaos experiment");
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<meta http-equiv=\"Content-Security-Policy\" content=\"" + POLICY + "\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width\">\n<style>" + STYLE + "</style>\n</head>\n"
                + "<body>\n" + IntStream.range(0, blocks.size()).mapToObj(i -> block(blocks.get(i), i))
                        .collect(Collectors.joining())
                + "</body>\n</html>\n";
    }

    /** The block at {@code index} of the page (which makes a chart's ids unique). */
    private static String block(Block block, int index) {
        return switch (block) {
            case Chart c -> SvgChart.render(c, "chart-" + index);
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

    /** A CSP source naming exactly this text: {@code sha256-<base64 of its SHA-256>}. */
    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
