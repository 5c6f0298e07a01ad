package dev.chaosaction.cli;

import dev.chaosaction.config.Redactor;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.RunItem;
import dev.chaosaction.journal.SteadyState;
import dev.chaosaction.journal.Verdict;
import dev.chaosaction.run.Phase;
import dev.chaosaction.run.RunListener;
import dev.chaosaction.run.RunSettings;
import dev.chaosaction.value.Py;
import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.Map;

/** Progress on a terminal, one line per event, in the spirit of Chaos Toolkit's log lines. */
public final class ConsoleListener implements RunListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final Consumer<String> out;
    private final boolean quiet;
    private final Redactor redactor;

    public ConsoleListener(PrintStream out, boolean quiet, Redactor redactor) {
        this(out::println, quiet, redactor);
    }

    /** Lines go to {@code out}, which may escape them (the Action's log reads commands from every line). */
    public ConsoleListener(Consumer<String> out, boolean quiet, Redactor redactor) {
        this.out = out;
        this.quiet = quiet;
        this.redactor = redactor;
    }

    public void started(String title, RunSettings settings) {
        info("Running experiment: " + title);
        if (settings.dry() != null) info("Dry mode: " + settings.dry().value());
        info("Steady-state strategy: " + settings.hypothesisStrategy().value());
        info("Rollbacks strategy: " + settings.rollbackStrategy().value());
    }

    @Override
    public void phaseStarted(Phase phase) {
        info(switch (phase) {
            case HYPOTHESIS_BEFORE, HYPOTHESIS_AFTER, HYPOTHESIS_DURING -> "Steady state hypothesis (" + phase.title() + ")";
            case METHOD -> "Playing your experiment's method now...";
            case ROLLBACKS -> "Let's rollback...";
        });
    }

    @Override
    public void activityEnded(Phase phase, RunItem item) {
        report(item);
    }

    /** Chaos Toolkit's words; whole seconds without a fraction, as an experiment usually writes them. */
    @Override
    public void pausing(Phase phase, Map<String, Object> activity, String when, double seconds) {
        String amount = seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds);
        info(("before".equals(when) ? "Pausing before next activity" : "Pausing after activity") + " for " + amount
                + "s...");
    }

    /** A check during the method gets one line (and its unmet probe), since it runs beside the method's lines. */
    @Override
    public void hypothesisChecked(Phase phase, SteadyState state) {
        if (phase == Phase.HYPOTHESIS_DURING) {
            if (!state.met()) state.probes().stream().filter(p -> !Boolean.TRUE.equals(p.toleranceMet()))
                    .forEach(this::report);
            line(state.met() ? "INFO" : "ERROR", "Steady state hypothesis checked during the method: "
                    + (state.met() ? "met" : "not met"), false);
            return;
        }
        state.probes().forEach(this::report);
        info(state.met() ? "Steady state hypothesis is met!" : "Steady state probe(s) are not in the given tolerance so "
                + "the hypothesis is not met");
    }

    /** The verdict first (always, even quiet), then Chaos Toolkit's status line. */
    @Override
    public void runEnded(Journal journal) {
        Verdict.Judgement judgement = journal.verdict();
        line(judgement.verdict() == Verdict.HELD ? "INFO" : "ERROR",
                "Verdict: " + judgement.verdict().value() + " - " + judgement.why(), true);
        String status = "Experiment ended with status: " + journal.status() + (journal.deviated() ? " (deviated)" : "");
        if (journal.reason() != null) status += " - " + journal.reason();
        line("completed".equals(journal.status()) && !journal.deviated() ? "INFO" : "ERROR", status, false);
    }

    private void report(RunItem item) {
        String type = Py.str(item.activity().get("type"));
        String what = type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1) + ": "
                + Py.str(item.activity().get("name"));
        String status = item.status() == null ? "interrupted" : item.status();
        String detail = item.failure() == null ? "" : " - " + item.failure();
        String tolerance = Boolean.FALSE.equals(item.toleranceMet()) ? " (tolerance not met)" : "";
        line("failed".equals(status) ? "ERROR" : "INFO", String.format(Locale.ROOT, "%s [%s in %.3fs]%s%s",
                what, status, item.durationSeconds(), tolerance, detail), "failed".equals(status));
    }

    private void info(String message) {
        line("INFO", message, false);
    }

    private void line(String level, String message, boolean always) {
        if (quiet && !always) return;
        out.accept("[" + LocalDateTime.now().format(TIME) + " " + level + "] " + redactor.redact(message));
    }
}
