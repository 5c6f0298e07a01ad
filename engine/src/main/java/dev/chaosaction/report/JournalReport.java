package dev.chaosaction.report;

import static dev.chaosaction.experiment.Activities.list;
import static dev.chaosaction.experiment.Activities.map;

import dev.chaosaction.config.Substitution;
import dev.chaosaction.journal.Verdict;
import dev.chaosaction.report.Block.Chart;
import dev.chaosaction.report.Block.Heading;
import dev.chaosaction.report.Block.Note;
import dev.chaosaction.report.Block.Paragraph;
import dev.chaosaction.report.Block.Span;
import dev.chaosaction.report.Block.Table;
import dev.chaosaction.value.Py;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a journal says, for a person: the verdict first, the steady state before and after, the probe values
 * charted over the run, the method's activities, the rollbacks, and the pods that were terminated. It reads the
 * journal document (the JSON a store holds), so a run that just ended and a journal fetched from S3 read the
 * same. Long tables are cut at {@link #MAX_ROWS} rows and long cells at {@link #MAX_CELL} characters; the
 * journal keeps everything.
 */
public final class JournalReport {
    public static final int MAX_ROWS = 200;
    /** Charts beyond these are named in a note: a probe returning a large map must not bury the rest. */
    public static final int MAX_CHARTS = 24;
    static final int MAX_CELL = 300;
    /** How much of a probe's output tells why it missed its tolerance. */
    static final int EXCERPT = 120;
    private static final List<String> ACTIVITY_HEADERS = List.of("#", "Type", "Activity", "Status", "Duration", "Details");
    private static final List<String> TERMINATING = List.of("terminate_pods", "delete_pods");

    private final Map<String, Object> journal;
    private final List<Block> blocks = new ArrayList<>();

    private JournalReport(Map<String, Object> journal) {
        this.journal = journal;
    }

    public static List<Block> of(Map<String, Object> journal) {
        JournalReport report = new JournalReport(journal);
        report.verdict();
        report.steadyState();
        report.charts();
        report.method();
        report.rollbacks();
        report.targeted();
        return List.copyOf(report.blocks);
    }

    /** The verdict of a journal document: the one it records, else judged from it (a Chaos Toolkit journal). */
    public static Verdict verdict(Map<String, Object> journal) {
        return Verdict.of(journal);
    }

    /** Why the run got its verdict: the recorded sentence, else the judgement's. */
    public static String verdictReason(Map<String, Object> journal) {
        return map(journal.get("chaos-action")).get("verdict_reason") instanceof String why ? why
                : Verdict.judge(journal).why();
    }

    private void verdict() {
        Verdict verdict = verdict(journal);
        blocks.add(new Heading(2, Headlines.mark(verdict) + " " + Headlines.headline(verdict)));
        Map<String, Object> experiment = map(journal.get("experiment"));
        String title = Py.str(experiment.get("title")).strip();
        blocks.add(Paragraph.of(Span.plain("Experiment: "), Span.strong(title.isEmpty() ? "(no title)" : title)));
        blocks.add(Paragraph.of(Span.plain("Verdict: "), Span.code(verdict.value()),
                Span.plain(" · " + verdictReason(journal) + " · Chaos Toolkit status: " + Py.str(journal.get("status"))
                        + (Py.truthy(journal.get("deviated")) ? " (deviated)" : ""))));
        if (map(journal.get("chaos-action")).get("reason") instanceof String reason
                && !verdictReason(journal).contains(reason)) {
            blocks.add(Paragraph.of(Span.plain("Why: " + reason)));
        }
        List<Span> facts = new ArrayList<>(List.of(Span.plain("Run "),
                Span.code(Py.str(map(journal.get("chaos-action")).get("run_id"))),
                Span.plain(" · started " + Py.str(journal.get("start")) + " · " + seconds(journal.get("duration")))));
        if (experiment.get("dry") != null) facts.add(Span.plain(" · dry run: " + Py.str(experiment.get("dry"))));
        blocks.add(new Paragraph(facts));
    }

    private void steadyState() {
        blocks.add(new Heading(3, "Steady state"));
        Map<String, Object> states = map(journal.get("steady_states"));
        List<Object> during = list(states.get("during"));
        if (states.get("before") == null && states.get("after") == null && during.isEmpty()) {
            blocks.add(Paragraph.of(Span.plain("The steady-state hypothesis was not checked.")));
            return;
        }
        check("Before the method:", states.get("before"));
        check("After the method:", states.get("after"));
        if (!during.isEmpty()) {
            long unmet = during.stream().filter(s -> !Py.truthy(map(s).get("steady_state_met"))).count();
            blocks.add(Paragraph.of(Span.strong("During the method:"),
                    Span.plain(" " + during.size() + (during.size() == 1 ? " check, " : " checks, ") + unmet + " not met")));
        }
    }

    private void check(String when, Object state) {
        if (state == null) {
            blocks.add(Paragraph.of(Span.strong(when), Span.plain(" not checked")));
            return;
        }
        boolean met = Py.truthy(map(state).get("steady_state_met"));
        blocks.add(Paragraph.of(Span.strong(when), Span.plain(met ? " ✅ met" : " ❌ not met")));
        List<List<String>> rows = new ArrayList<>();
        for (Object probe : list(map(state).get("probes"))) {
            Map<String, Object> item = map(probe);
            rows.add(List.of(name(item), status(item), tolerance(item.get("tolerance_met")),
                    seconds(item.get("duration")), probeDetails(item)));
        }
        table(List.of("Probe", "Status", "Tolerance met", "Duration", "Details"), rows, "probes");
    }

    /** Every numeric probe value over the run ({@link JournalSeries}), when the probes returned any. */
    private void charts() {
        List<Chart> charts = JournalSeries.charts(journal);
        if (charts.isEmpty()) return;
        blocks.add(new Heading(3, "Probe values over the run"));
        blocks.addAll(charts.stream().limit(MAX_CHARTS).toList());
        if (charts.size() > MAX_CHARTS) {
            blocks.add(new Note((charts.size() - MAX_CHARTS) + " more probe values not charted: "
                    + charts.stream().skip(MAX_CHARTS).map(c -> c.series().label()).collect(Collectors.joining(", "))
                    + "."));
        }
    }

    private void method() {
        blocks.add(new Heading(3, "Method"));
        List<Object> run = list(journal.get("run"));
        if (run.isEmpty()) {
            blocks.add(Paragraph.of(Span.plain("No activity of the method ran.")));
            return;
        }
        table(ACTIVITY_HEADERS, activityRows(run), "activities");
    }

    private void rollbacks() {
        blocks.add(new Heading(3, "Rollbacks"));
        List<Object> played = list(journal.get("rollbacks"));
        int declared = list(map(journal.get("experiment")).get("rollbacks")).size();
        if (!played.isEmpty()) {
            table(ACTIVITY_HEADERS, activityRows(played), "rollbacks");
        } else if (declared == 0) {
            blocks.add(Paragraph.of(Span.plain("The experiment declares no rollbacks.")));
        } else {
            blocks.add(Paragraph.of(Span.plain("The " + declared + (declared == 1 ? " rollback" : " rollbacks")
                    + " declared " + (declared == 1 ? "was" : "were") + " not played (rollback strategy).")));
        }
    }

    /**
     * The pods that {@code terminate_pods} returned, one row each; in a dry run, the ones it would have terminated
     * (its {@code {"dry_run": true, "would_terminate": [...], "namespace": ...}} preview).
     */
    private void targeted() {
        List<List<String>> rows = new ArrayList<>();
        boolean dry = false;
        List<Object> items = new ArrayList<>(list(journal.get("run")));
        items.addAll(list(journal.get("rollbacks")));
        for (Object entry : items) {
            Map<String, Object> item = map(entry);
            Map<String, Object> provider = map(map(item.get("activity")).get("provider"));
            if (!TERMINATING.contains(Py.str(provider.get("func")))) continue;
            Map<String, Object> preview = map(item.get("output"));
            boolean previewed = Py.truthy(preview.get("dry_run"));
            dry |= previewed;
            Object ns = previewed && preview.get("namespace") != null ? preview.get("namespace")
                    : Substitution.substitute(map(provider.get("arguments")).getOrDefault("ns", "default"), lookup());
            for (Object pod : list(previewed ? preview.get("would_terminate") : item.get("output"))) {
                rows.add(List.of(Py.str(pod), Py.str(ns), name(item)));
            }
        }
        if (rows.isEmpty()) return;
        blocks.add(new Heading(3, "Targeted"));
        if (dry) blocks.add(Paragraph.of(Span.plain("Dry run: these pods were selected, not terminated.")));
        table(List.of("Pod terminated", "Namespace", "Activity"), rows, "pods");
    }

    /** The configuration the run resolved ({@code chaos-action.configuration}), else the experiment's literals. */
    private Map<String, Object> lookup() {
        Map<String, Object> lookup = new java.util.LinkedHashMap<>();
        map(map(journal.get("experiment")).get("configuration")).forEach((k, v) -> {
            if (!(v instanceof Map<?, ?>)) lookup.put(k, v);
        });
        lookup.putAll(map(map(journal.get("chaos-action")).get("configuration")));
        return lookup;
    }

    /**
     * Why a probe did not meet its tolerance: its error, else what it returned (an HTTP answer as its status and
     * the start of its body).
     */
    private static String probeDetails(Map<String, Object> item) {
        String failure = failure(item);
        if (!failure.isEmpty() || !Boolean.FALSE.equals(item.get("tolerance_met"))) return failure;
        Object output = item.get("output");
        if (output instanceof Map<?, ?> http && http.containsKey("status") && http.containsKey("body")) {
            return "returned status " + Py.str(http.get("status")) + ", body: " + excerpt(http.get("body"));
        }
        return "returned " + excerpt(output);
    }

    private static String excerpt(Object value) {
        String text = value instanceof String s ? s : dev.chaosaction.value.Json.write(value);
        text = text.strip().replaceAll("\\s+", " ");
        return text.isEmpty() ? "(empty)" : text.length() <= EXCERPT ? text : text.substring(0, EXCERPT - 1) + "…";
    }

    private static List<List<String>> activityRows(List<Object> items) {
        List<List<String>> rows = new ArrayList<>();
        for (Object entry : items) {
            Map<String, Object> item = map(entry);
            rows.add(List.of(String.valueOf(rows.size() + 1), Py.str(map(item.get("activity")).get("type")), name(item),
                    status(item), seconds(item.get("duration")), failure(item)));
        }
        return rows;
    }

    private void table(List<String> headers, List<List<String>> rows, String what) {
        List<List<String>> shown = rows.stream().limit(MAX_ROWS)
                .map(row -> row.stream().map(JournalReport::cell).toList()).toList();
        blocks.add(new Table(headers, shown));
        if (rows.size() > MAX_ROWS) {
            blocks.add(new Note((rows.size() - MAX_ROWS) + " more " + what + " not shown; the journal has them all."));
        }
    }

    private static String cell(String text) {
        return text.length() <= MAX_CELL ? text : text.substring(0, MAX_CELL - 1) + "…";
    }

    private static String name(Map<String, Object> item) {
        return Py.str(map(item.get("activity")).get("name"));
    }

    /** An item without a status was stopped while it ran (an interruption, an unexpected error). */
    private static String status(Map<String, Object> item) {
        return switch (Py.str(item.get("status"))) {
            case "succeeded" -> "✅ succeeded";
            case "failed" -> "❌ failed";
            default -> "⏹ stopped";
        };
    }

    private static String tolerance(Object met) {
        return met == null ? "—" : Py.truthy(met) ? "yes" : "no";
    }

    private static String failure(Map<String, Object> item) {
        return Verdict.failure(item);
    }

    private static String seconds(Object duration) {
        return duration instanceof Number n ? String.format(Locale.ROOT, "%.3f s", n.doubleValue()) : "—";
    }
}
