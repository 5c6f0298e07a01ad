package dev.chaosaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.report.JournalReport;
import dev.chaosaction.report.SampleJournals;
import dev.chaosaction.testing.Chromium;
import dev.chaosaction.testing.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step summary's charts drawn by Mermaid itself (the renderer behind GitHub's {@code mermaid} blocks; the
 * pinned bundle {@code CHAOS_MERMAID_JS} from {@code .ci/setup.d/65-mermaid.sh}) in headless Chromium: every
 * block parses as an XY chart with its title, its points and its lines, a hostile probe name included.
 */
@Timeout(120)
class MermaidChartBrowserTest {
    private static final String TITLE = "<g class=\"chart-title\">(.*?)</g>";

    @TempDir
    Path dir;

    @Test
    void mermaidDrawsEveryChartOfTheSummary() throws Exception {
        List<String> blocks = blocks(summary("service levels"));

        String dom = render(blocks);

        // For people to look at: how GitHub will draw the summary's first charts.
        new Chromium(dir).screenshot(dir.resolve("summary.html"), 20_000, Path.of("target", "summary-mermaid.png"),
                960, 1500);
        assertEquals(blocks.size(), count(dom, "aria-roledescription=\"xychart\""), dom);
        List<String> titles = texts(dom, TITLE);
        assertEquals(blocks.stream().map(MermaidChartBrowserTest::title).toList(), titles);
        String errorRate = dom.substring(dom.indexOf("service levels · error_rate ("));
        errorRate = errorRate.substring(0, errorRate.indexOf("</svg>"));
        assertEquals(List.of("before 1.2", "during 3.2", "during 5.2", "during 7.2", "during 9.2", "after 11.2"),
                texts(errorRate, "<g class=\"bottom-axis\">.*?<g class=\"label\">(.*?)</g>"));
        assertEquals(3, count(errorRate, "<g class=\"line-plot-"), "the values and the two bounds");
        assertTrue(errorRate.contains("stroke=\"#1f77b4\""), "the values in blue, as configured");
    }

    @Test
    void aHostileProbeNameIsDrawnAsPlainText() throws Exception {
        String attack = "x\"]\n    line [1]\n```\n<img src=x onerror=alert(1)> %%{init: {\"securityLevel\": \"loose\"}}%% "
                + "`c` #35; &lt; ~~~";
        List<String> blocks = blocks(summary(attack));

        String dom = render(blocks);

        assertEquals(blocks.size(), count(dom, "aria-roledescription=\"xychart\""), dom);
        assertTrue(texts(dom, TITLE).contains("x line 1 img src=x onerror=alert(1) init: securityLevel : loose c "
                + "35 lt · error_rate (tolerance 0 to 0.01, 2 out of tolerance)"), dom);
        assertEquals(0, count(dom, "<img"), dom);
    }

    private static String summary(String probeName) {
        return MarkdownRenderer.render(JournalReport.of(SampleJournals.podKill(probeName)),
                MarkdownRenderer.SUMMARY_LIMIT_BYTES);
    }

    /** What each {@code ```mermaid} block holds. */
    private static List<String> blocks(String markdown) {
        Matcher m = Pattern.compile("```mermaid\n(.*?)```\n", Pattern.DOTALL).matcher(markdown);
        List<String> blocks = new ArrayList<>();
        while (m.find()) blocks.add(m.group(1));
        assertTrue(blocks.size() > 5, markdown);
        return blocks;
    }

    private static String title(String block) {
        Matcher m = Pattern.compile("\n    title \"([^\"]*)\"\n").matcher(block);
        assertTrue(m.find(), block);
        return m.group(1);
    }

    /** The blocks as GitHub's page has them, rendered; the page's title says whether every one parsed. */
    private String render(List<String> blocks) throws IOException, InterruptedException {
        Path mermaid = Peers.fileFromEnv("CHAOS_MERMAID_JS");
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>loading"
                + "</title><script src=\"" + mermaid.toUri() + "\"></script></head><body>\n");
        for (String block : blocks) {
            html.append("<pre class=\"mermaid\">").append(block.replace("&", "&amp;").replace("<", "&lt;")
                    .replace(">", "&gt;")).append("</pre>\n");
        }
        html.append("<script>mermaid.initialize({startOnLoad: false});\nmermaid.run({querySelector: 'pre.mermaid', suppressErrors: false})"
                + ".then(() => { document.title = 'rendered'; }, e => { document.title = 'failed: ' + e; });"
                + "</script>\n</body></html>\n");
        Path page = Files.writeString(dir.resolve("summary.html"), html, StandardCharsets.UTF_8);
        String dom = new Chromium(dir).dom(page, 20_000);
        assertTrue(dom.contains("<title>rendered</title>"), dom.substring(0, Math.min(dom.length(), 2_000)));
        return dom;
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    /** The texts inside what {@code groupRegex}'s group matches, in order. */
    private static List<String> texts(String svg, String groupRegex) {
        List<String> texts = new ArrayList<>();
        Matcher groups = Pattern.compile(groupRegex, Pattern.DOTALL).matcher(svg);
        while (groups.find()) {
            Matcher text = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(groups.group(1));
            while (text.find()) texts.add(text.group(1));
        }
        return texts;
    }
}
