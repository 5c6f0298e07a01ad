package dev.chaosaction.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of one run, in Chaos Toolkit's journal shape so that its tooling (reports, dashboards) reads
 * ours. Phases append to it while they run; several threads may (background activities, the continuous
 * hypothesis), hence the locking.
 */
public final class Journal {
    public static final String CHAOSLIB_VERSION = "1.45.0";

    private final Map<String, Object> experiment;
    private final Instant start;
    private final String runId;
    private final List<RunItem> run = new ArrayList<>();
    private final List<RunItem> rollbacks = new ArrayList<>();
    private final List<SteadyState> during = new ArrayList<>();
    private volatile SteadyState before;
    private volatile SteadyState after;
    private volatile String status = "running";
    private volatile String reason;
    private volatile boolean deviated;
    private volatile Instant end;
    private volatile List<String> warnings = List.of();
    private volatile Verdict.Judgement verdict;
    private volatile Map<String, Object> configuration = Map.of();

    public Journal(String runId, Map<String, Object> experiment, Instant start) {
        this.runId = runId;
        this.experiment = experiment;
        this.start = start;
    }

    public String runId() {
        return runId;
    }

    public Map<String, Object> experiment() {
        return experiment;
    }

    public synchronized void addRun(RunItem item) {
        run.add(item);
    }

    public synchronized void addRollback(RunItem item) {
        rollbacks.add(item);
    }

    public synchronized void addDuring(SteadyState state) {
        during.add(state);
    }

    public void before(SteadyState state) {
        before = state;
    }

    public void after(SteadyState state) {
        after = state;
    }

    public SteadyState before() {
        return before;
    }

    public SteadyState after() {
        return after;
    }

    public synchronized List<SteadyState> during() {
        return List.copyOf(during);
    }

    public synchronized List<RunItem> run() {
        return List.copyOf(run);
    }

    public synchronized List<RunItem> rollbacks() {
        return List.copyOf(rollbacks);
    }

    public String status() {
        return status;
    }

    /** Why the run ended as it did when that is not obvious from the items (an abort, an interruption). */
    public String reason() {
        return reason;
    }

    public synchronized void status(String value, String why) {
        this.status = value;
        if (why != null) this.reason = why;
    }

    public boolean deviated() {
        return deviated;
    }

    public void deviated(boolean value) {
        this.deviated = value;
    }

    /**
     * The configuration the run resolved (plain values only), journaled so that a report can show what
     * {@code ${name}} stood for; the journal's redaction masks it like everything else.
     */
    public void configuration(Map<String, Object> resolved) {
        Map<String, Object> plain = new LinkedHashMap<>();
        resolved.forEach((k, v) -> {
            if (v instanceof String || v instanceof Number || v instanceof Boolean) plain.put(k, v);
        });
        this.configuration = plain;
    }

    /** The run's verdict, once it ended (null while it runs). */
    public Verdict.Judgement verdict() {
        return verdict;
    }

    public void verdict(Verdict.Judgement value) {
        this.verdict = value;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    public void end(Instant value) {
        this.end = value;
    }

    public double durationSeconds() {
        return end == null ? 0 : Times.seconds(start, end);
    }

    /** What the user was warned of before the run (kept under {@code chaos-action.warnings}). */
    public void warnings(List<String> value) {
        warnings = List.copyOf(value);
    }

    public List<String> warnings() {
        return warnings;
    }

    /** Chaos Toolkit's keys in its order, then ours under {@code chaos-action}. */
    public synchronized Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chaoslib-version", CHAOSLIB_VERSION);
        m.put("platform", System.getProperty("os.name") + "-" + System.getProperty("os.version") + "-"
                + System.getProperty("os.arch") + "-java-" + System.getProperty("java.version"));
        m.put("node", Host.name());
        m.put("experiment", experiment);
        m.put("start", Times.iso(start));
        m.put("status", status);
        m.put("deviated", deviated);
        Map<String, Object> states = new LinkedHashMap<>();
        states.put("before", before == null ? null : before.toMap());
        states.put("after", after == null ? null : after.toMap());
        states.put("during", during.stream().map(SteadyState::toMap).toList());
        m.put("steady_states", states);
        m.put("run", run.stream().map(RunItem::toMap).toList());
        m.put("rollbacks", rollbacks.stream().map(RunItem::toMap).toList());
        if (end != null) {
            m.put("end", Times.iso(end));
            m.put("duration", durationSeconds());
        }
        Map<String, Object> ours = new LinkedHashMap<>();
        ours.put("run_id", runId);
        if (verdict != null) {
            ours.put(Verdict.KEY, verdict.verdict().value());
            ours.put("verdict_reason", verdict.why());
        }
        if (reason != null) ours.put("reason", reason);
        if (!warnings.isEmpty()) ours.put("warnings", warnings);
        if (!configuration.isEmpty()) ours.put("configuration", configuration);
        m.put("chaos-action", ours);
        return m;
    }
}
