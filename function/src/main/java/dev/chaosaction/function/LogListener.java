package dev.chaosaction.function;

import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.RunItem;
import dev.chaosaction.journal.SteadyState;
import dev.chaosaction.run.Phase;
import dev.chaosaction.run.RunListener;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A run's progress as JSON log lines: one per phase, activity (hypothesis probes included) and hypothesis check,
 * one at the end.
 */
final class LogListener implements RunListener {
    private final JsonLog log;

    LogListener(JsonLog log) {
        this.log = log;
    }

    @Override
    public void phaseStarted(Phase phase) {
        log.info("phase", Map.of("phase", name(phase)));
    }

    @Override
    public void activityEnded(Phase phase, RunItem item) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("phase", name(phase));
        fields.put("activity", item.activity().get("name"));
        fields.put("type", item.activity().get("type"));
        // An item without a status was interrupted (Chaos Toolkit journals it so).
        fields.put("status", item.status() == null ? "interrupted" : item.status());
        fields.put("durationSeconds", item.durationSeconds());
        if (item.toleranceMet() != null) fields.put("toleranceMet", item.toleranceMet());
        if (item.failure() != null) fields.put("failure", item.failure());
        if ("succeeded".equals(item.status())) {
            log.info("activity", fields);
        } else {
            log.warn("activity", fields);
        }
    }

    @Override
    public void pausing(Phase phase, Map<String, Object> activity, String when, double seconds) {
        log.info("pause", Map.of("phase", name(phase), "activity", String.valueOf(activity.get("name")), "when", when,
                "seconds", seconds));
    }

    /** The engine reports a hypothesis check whole: its probes get their lines here. */
    @Override
    public void hypothesisChecked(Phase phase, SteadyState state) {
        state.probes().forEach(probe -> activityEnded(phase, probe));
        log.info("hypothesis", Map.of("phase", name(phase), "met", state.met()));
    }

    @Override
    public void runEnded(Journal journal) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (journal.verdict() != null) {
            fields.put("verdict", journal.verdict().verdict().value());
            fields.put("verdictReason", journal.verdict().why());
        }
        fields.put("status", journal.status());
        fields.put("deviated", journal.deviated());
        fields.put("durationSeconds", journal.durationSeconds());
        if (journal.reason() != null) fields.put("reason", journal.reason());
        log.info("run", fields);
    }

    /** {@code hypothesis-before}, {@code method}, ... as the listener's contract names them. */
    private static String name(Phase phase) {
        return phase.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
