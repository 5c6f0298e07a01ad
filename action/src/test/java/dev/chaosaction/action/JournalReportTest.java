package dev.chaosaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.RunItem;
import dev.chaosaction.journal.SteadyState;
import dev.chaosaction.report.Block;
import dev.chaosaction.report.HtmlRenderer;
import dev.chaosaction.report.JournalReport;
import dev.chaosaction.value.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary of journals made with the engine's own journal classes. */
class JournalReportTest {
    private static final Instant T0 = Instant.parse("2026-05-07T10:11:12Z");

    @Test
    void theSummaryLeadsWithTheVerdictThenSteadyStateMethodRollbacksAndTargets() {
        Journal journal = new Journal("run-1", experiment(List.of(Map.of("type", "action", "name", "undo"))), T0);
        journal.before(state(true, probe("health", 0.25)));
        journal.addRun(item(terminate("kill web", List.of("web-1", "web-2")), 1.5));
        journal.addRun(failed(activity("action", "poke"), "boom: it broke", 0.125));
        journal.after(state(true, probe("health", 0.5)));
        journal.addRollback(item(activity("action", "undo"), 0.0625));
        journal.status("completed", null);
        journal.end(T0.plusSeconds(3));

        assertEquals("""
                ## ⚠️ Not injected: no fault was injected

                Experiment: **Kill some pods**

                Verdict: `not-injected` · the action 'poke' failed: boom: it broke · Chaos Toolkit status: completed

                Run `run-1` · started 2026-05-07T10:11:12+00:00 · 3.000 s

                ### Steady state

                **Before the method:** ✅ met

                | Probe | Status | Tolerance met | Duration | Details |
                | --- | --- | --- | --- | --- |
                | health | ✅ succeeded | yes | 0.250 s |  |

                **After the method:** ✅ met

                | Probe | Status | Tolerance met | Duration | Details |
                | --- | --- | --- | --- | --- |
                | health | ✅ succeeded | yes | 0.500 s |  |

                ### Method

                | \\# | Type | Activity | Status | Duration | Details |
                | --- | --- | --- | --- | --- | --- |
                | 1 | action | kill web | ✅ succeeded | 1.500 s |  |
                | 2 | action | poke | ❌ failed | 0.125 s | boom: it broke |

                ### Rollbacks

                | \\# | Type | Activity | Status | Duration | Details |
                | --- | --- | --- | --- | --- | --- |
                | 1 | action | undo | ✅ succeeded | 0.063 s |  |

                ### Targeted

                | Pod terminated | Namespace | Activity |
                | --- | --- | --- |
                | web-1 | shop | kill web |
                | web-2 | shop | kill web |
                """, markdown(journal));
    }

    @Test
    void aRunStoppedBeforeTheMethodSaysWhatWasNotChecked() {
        Journal journal = new Journal("run-2", experiment(List.of(Map.of("type", "action", "name", "undo"))), T0);
        journal.addRun(new RunItem(activity("action", "hang"), T0));
        journal.status("interrupted", "SIGTERM");
        journal.end(T0.plusSeconds(1));

        String markdown = markdown(journal);

        assertTrue(markdown.startsWith("## ⚠️ Interrupted\n\nExperiment: **Kill some pods**\n\n"
                + "Verdict: `interrupted` · the run was interrupted: SIGTERM · Chaos Toolkit status: interrupted\n"), markdown);
        assertTrue(markdown.contains("\n### Steady state\n\nThe steady-state hypothesis was not checked.\n"), markdown);
        assertTrue(markdown.contains("| 1 | action | hang | ⏹ stopped | — |  |"), markdown);
        assertTrue(markdown.contains("\n### Rollbacks\n\nThe 1 rollback declared was not played (rollback strategy).\n"),
                markdown);
    }

    @Test
    void placeholdersShowTheirValuesAndAnUnmetProbeSaysWhatItGot() {
        Map<String, Object> experiment = experiment(List.of());
        Journal journal = new Journal("run-6", experiment, T0);
        journal.configuration(Map.of("namespace", "shop-7"));
        RunItem down = new RunItem(activity("probe", "health"), T0);
        down.succeeded(Map.of("status", 503, "headers", Map.of(), "body", "DOWN:\n" + "x".repeat(300)),
                T0);
        down.toleranceMet(false);
        journal.before(state(true, probe("health", 0.25)));
        journal.addRun(item(terminate("kill", List.of("web-1"), "${namespace}"), 0.5));
        RunItem refused = new RunItem(activity("probe", "api"), T0);
        refused.failed("failed to connect to http://127.0.0.1:1/", T0);
        journal.after(state(false, down, refused));
        journal.status("completed", null);
        journal.end(T0);

        String markdown = markdown(journal);

        assertTrue(markdown.contains("| kill | ✅ succeeded |"), markdown);
        assertTrue(markdown.contains("| Pod terminated | Namespace | Activity |\n| --- | --- | --- |\n"
                + "| web-1 | shop-7 | kill |\n"), markdown);
        assertFalse(markdown.contains("${namespace}"), markdown);
        assertTrue(markdown.contains("| health | ✅ succeeded | no | 0.000 s | returned status 503, body: DOWN: xxx"),
                markdown);
        assertTrue(markdown.contains("…"), "a long body is cut");
        assertTrue(markdown.contains("| api | ❌ failed | — | 0.000 s | failed to connect to http://127.0.0.1:1/ |"),
                markdown);
    }

    @Test
    void aDryRunSaysThePodsWereOnlySelected() {
        Map<String, Object> experiment = experiment(List.of());
        Journal journal = new Journal("run-3", experiment, T0);
        experiment.put("dry", "actions");
        journal.addRun(item(terminate("kill web", Map.of("dry_run", true, "would_terminate", List.of("web-9"),
                "namespace", "other", "already_terminating", List.of())), 0));
        journal.status("completed", null);
        journal.end(T0);

        String markdown = markdown(journal);

        assertTrue(markdown.contains(" · dry run: actions\n"), markdown);
        assertTrue(markdown.contains("### Targeted\n\nDry run: these pods were selected, not terminated.\n\n"
                + "| Pod terminated | Namespace | Activity |\n| --- | --- | --- |\n| web-9 | other | kill web |\n"), markdown);
        assertTrue(markdown.contains("The experiment declares no rollbacks."), markdown);
    }

    @Test
    void journalTextCannotBreakTheMarkdownOrInjectHtml() {
        Journal journal = new Journal("run-4", experiment(List.of()), T0);
        journal.addRun(failed(activity("action", "a|b <script>alert(1)</script> *x*"), "line one\nline two & more", 1));
        journal.status("aborted", null);
        journal.end(T0);
        List<Block> blocks = JournalReport.of(document(journal));

        assertTrue(MarkdownRenderer.render(blocks, MarkdownRenderer.SUMMARY_LIMIT_BYTES).contains(
                "| 1 | action | a\\|b \\<script\\>alert(1)\\</script\\> \\*x\\* | ❌ failed | 1.000 s "
                        + "| line one line two &amp; more |"));
        String html = HtmlRenderer.render(blocks);
        assertTrue(html.contains("<td>a|b &lt;script&gt;alert(1)&lt;/script&gt; *x*</td>"), html);
        assertTrue(html.contains("<td>line one\nline two &amp; more</td>"), html);
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>⚠️ Aborted</title>\n"), html);
        assertTrue(html.endsWith("</body>\n</html>\n"), html);
    }

    @Test
    void aLargeJournalStaysWellWithinGitHubsLimit() {
        Journal journal = new Journal("run-5", experiment(List.of()), T0);
        String longName = "x".repeat(5_000);
        for (int i = 0; i < 5_000; i++) journal.addRun(item(activity("action", longName + i), 0.001));
        journal.status("completed", null);
        journal.end(T0);

        String markdown = markdown(journal);

        long rows = markdown.lines().filter(l -> l.matches("\\| \\d+ \\| action \\| x+… \\|.*")).count();
        assertEquals(JournalReport.MAX_ROWS, rows);
        assertTrue(markdown.contains("\n_4800 more activities not shown; the journal has them all._\n"), markdown);
        assertTrue(markdown.getBytes(StandardCharsets.UTF_8).length < MarkdownRenderer.SUMMARY_LIMIT_BYTES);
    }

    @Test
    void aSummaryOverTheLimitIsCutAtALineWithANote() {
        Journal journal = new Journal("run-6", experiment(List.of()), T0);
        for (int i = 0; i < 100; i++) journal.addRun(item(activity("action", "étape " + i), 0.5));
        journal.status("completed", null);
        journal.end(T0);
        List<Block> blocks = JournalReport.of(document(journal));
        String whole = MarkdownRenderer.render(blocks, Integer.MAX_VALUE);

        String cut = MarkdownRenderer.render(blocks, 2_000);

        byte[] bytes = cut.getBytes(StandardCharsets.UTF_8);
        assertTrue(bytes.length <= 2_000, String.valueOf(bytes.length));
        assertTrue(cut.endsWith(MarkdownRenderer.CUT_NOTE), cut);
        String kept = cut.substring(0, cut.length() - MarkdownRenderer.CUT_NOTE.length());
        assertTrue(kept.endsWith("\n") && whole.startsWith(kept), cut);
        assertTrue(bytes.length > 2_000 - 200, "cut far too early: " + bytes.length);
    }

    // --- journals ------------------------------------------------------------------------------------------------

    private static String markdown(Journal journal) {
        return MarkdownRenderer.render(JournalReport.of(document(journal)), MarkdownRenderer.SUMMARY_LIMIT_BYTES);
    }

    /** Through JSON, as a store writes it and {@code chaos report} reads it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> document(Journal journal) {
        return (Map<String, Object>) Json.parse(Json.write(journal.toMap()));
    }

    private static Map<String, Object> experiment(List<Map<String, Object>> rollbacks) {
        Map<String, Object> experiment = new LinkedHashMap<>();
        experiment.put("title", "Kill some pods");
        experiment.put("rollbacks", new ArrayList<>(rollbacks));
        experiment.put("dry", null);
        return experiment;
    }

    private static Map<String, Object> activity(String type, String name) {
        return Map.of("type", type, "name", name, "provider", Map.of("type", "http", "url", "http://127.0.0.1:1/"));
    }

    private static Map<String, Object> terminate(String name, Object pods) {
        return terminate(name, pods, "shop");
    }

    private static Map<String, Object> terminate(String name, Object pods, String ns) {
        return Map.of("type", "action", "name", name, "pods", pods, "provider", Map.of("type", "python",
                "module", "chaosk8s.pod.actions", "func", "terminate_pods",
                "arguments", Map.of("label_selector", "app=web", "ns", ns)));
    }

    /** A succeeded item whose output is the activity's {@code pods} (what terminate_pods returns). */
    private static RunItem item(Map<String, Object> activity, double seconds) {
        RunItem item = new RunItem(activity, T0);
        item.succeeded(activity.get("pods"), T0.plusNanos((long) (seconds * 1e9)));
        return item;
    }

    private static RunItem failed(Map<String, Object> activity, String message, double seconds) {
        RunItem item = new RunItem(activity, T0);
        item.failed(message, T0.plusNanos((long) (seconds * 1e9)));
        return item;
    }

    private static RunItem probe(String name, double seconds) {
        RunItem item = item(activity("probe", name), seconds);
        item.toleranceMet(true);
        return item;
    }

    private static SteadyState state(boolean met, RunItem... probes) {
        SteadyState state = new SteadyState();
        for (RunItem probe : probes) state.add(probe);
        state.met(met);
        return state;
    }
}
