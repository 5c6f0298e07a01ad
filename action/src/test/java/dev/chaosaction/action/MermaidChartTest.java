package dev.chaosaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.report.Block;
import dev.chaosaction.report.JournalReport;
import dev.chaosaction.report.SampleJournals;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The step summary's charts: Mermaid blocks GitHub draws, which an experiment's author cannot break out of. */
class MermaidChartTest {
    /** Every line a chart block may hold; anything else would be the author's text escaping its string. */
    private static final Pattern GRAMMAR = Pattern.compile("```mermaid|xychart-beta|```"
            + "|" + Pattern.quote(MermaidChart.CONFIG)
            + "|    title \"[^\"`\\n]*\""
            + "|    x-axis \"seconds since the run started, faults in from 2 to 10 s\" "
            + "\\[(\"[a-z]+ [0-9.]+( \\(\\d+\\))?\"(, )?)+\\]"
            + "|    y-axis \"[^\"`\\n]*\""
            + "|    line \\[(-?[0-9.]+(, )?)+\\]");

    @Test
    void eachChartIsAnXyChartWithTheValuesTheBandAndTheFaultWindowInItsTitle() {
        String summary = summary("service levels");

        assertTrue(summary.contains("""
                ```mermaid
                %%{init: {"xyChart": {"width": 900, "height": 320}, "themeVariables": {"xyChart": {"plotColorPalette": "#1f77b4, #2e7d32, #2e7d32"}}}}%%
                xychart-beta
                    title "service levels · error_rate (tolerance 0 to 0.01, 2 out of tolerance)"
                    x-axis "seconds since the run started, faults in from 2 to 10 s" ["before 1.2", "during 3.2", "during 5.2", "during 7.2", \
                "during 9.2", "after 11.2"]
                    y-axis "error_rate"
                    line [0, 0, 0.04, 0.02, 0.005, 0]
                    line [0.01, 0.01, 0.01, 0.01, 0.01, 0.01]
                    line [0, 0, 0, 0, 0, 0]
                ```
                """), summary);
        assertTrue(summary.contains("    title \"checkout answers · status (tolerance 200, 1 out of tolerance)\"\n"),
                summary);
        assertTrue(summary.contains("    title \"service levels · latency_ms.p99\"\n"), summary);
    }

    @Test
    void aProbeNameCannotLeaveItsStringTheChartOrTheCodeFence() {
        String attack = "x\"]\n    line [1]\n```\n<img src=x onerror=alert(1)> %%{init: {\"securityLevel\": \"loose\"}}%% "
                + "`c` #35; &lt; ~~~";

        String summary = summary(attack);

        List<String> block = chartLines(summary);
        assertEquals(charts(summary) * 2, summary.lines().filter(l -> l.startsWith("```")).count(),
                "every fence is a chart's own");
        for (String line : block) assertTrue(GRAMMAR.matcher(line).matches(), "not chart grammar: " + line);
        String title = block.stream().filter(l -> l.contains("(tolerance 0 to 0.01")).findFirst().orElseThrow();
        assertEquals("    title \"x line 1 img src=x onerror=alert(1) init: securityLevel : loose c 35 lt · error_rate "
                + "(tolerance 0 to 0.01, 2 out of tolerance)\"", title);
        assertFalse(Pattern.compile("(?<!\\\\)<img").matcher(summary).find(), "the tables escape it: " + summary);
        assertTrue(block.stream().filter(l -> !l.equals(MermaidChart.CONFIG))
                .noneMatch(l -> l.contains("<") || l.contains("%%") || l.contains("`c`")), summary);
        String longName = MermaidChart.label("é".repeat(500));
        assertEquals(MermaidChart.MAX_LABEL, longName.length());
        assertTrue(longName.endsWith("…"), longName);
    }

    @Test
    void aSummaryCutInsideAChartLeavesThatChartOut() {
        List<Block> blocks = JournalReport.of(SampleJournals.podKill("service levels"));
        String whole = MarkdownRenderer.render(blocks, Integer.MAX_VALUE);
        int inside = whole.indexOf("xychart-beta") + 20;

        String cut = MarkdownRenderer.render(blocks, whole.substring(0, inside).getBytes(StandardCharsets.UTF_8).length
                + MarkdownRenderer.CUT_NOTE.getBytes(StandardCharsets.UTF_8).length);

        assertTrue(cut.endsWith(MarkdownRenderer.CUT_NOTE), cut);
        assertEquals(0, cut.lines().filter(l -> l.startsWith("```")).count() % 2, cut);
        assertTrue(whole.startsWith(cut.substring(0, cut.length() - MarkdownRenderer.CUT_NOTE.length())), cut);
    }

    private static String summary(String probeName) {
        return MarkdownRenderer.render(JournalReport.of(SampleJournals.podKill(probeName)),
                MarkdownRenderer.SUMMARY_LIMIT_BYTES);
    }

    private static long charts(String summary) {
        return summary.lines().filter("xychart-beta"::equals).count();
    }

    /** The lines of every chart block, fences included. */
    private static List<String> chartLines(String summary) {
        List<String> lines = summary.lines().toList();
        List<String> block = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            if (line.equals("```mermaid")) in = true;
            if (in) block.add(line);
            if (in && line.equals("```")) in = false;
        }
        return block;
    }
}
