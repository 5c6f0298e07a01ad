package dev.chaosaction.action;

import dev.chaosaction.cli.ConsoleListener;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.RunItem;
import dev.chaosaction.journal.SteadyState;
import dev.chaosaction.run.Phase;
import dev.chaosaction.run.RunListener;
import dev.chaosaction.value.Py;
import java.util.Locale;
import java.util.Map;

/**
 * The command line's progress lines, folded into one log group per phase, with each failed activity raised as
 * an {@code ::error::} annotation. The continuous hypothesis runs beside the method, so it gets no group of its
 * own (it would close the method's).
 */
final class GitHubListener implements RunListener {
    private final WorkflowCommands commands;
    private final ConsoleListener console;

    GitHubListener(WorkflowCommands commands, ConsoleListener console) {
        this.commands = commands;
        this.console = console;
    }

    @Override
    public synchronized void phaseStarted(Phase phase) {
        if (phase != Phase.HYPOTHESIS_DURING) commands.group(capitalized(phase.title()));
        console.phaseStarted(phase);
    }

    @Override
    public synchronized void activityEnded(Phase phase, RunItem item) {
        console.activityEnded(phase, item);
        annotateFailure(phase, item);
    }

    @Override
    public synchronized void pausing(Phase phase, Map<String, Object> activity, String when, double seconds) {
        console.pausing(phase, activity, when, seconds);
    }

    @Override
    public synchronized void hypothesisChecked(Phase phase, SteadyState state) {
        console.hypothesisChecked(phase, state);
        if (phase != Phase.HYPOTHESIS_DURING) state.probes().forEach(probe -> annotateFailure(phase, probe));
    }

    @Override
    public synchronized void runEnded(Journal journal) {
        commands.endGroup();
        console.runEnded(journal);
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    private void annotateFailure(Phase phase, RunItem item) {
        if (!"failed".equals(item.status())) return;
        commands.error(capitalized(Py.str(item.activity().get("type"))) + " failed ("
                + phase.title() + ")", Py.str(item.activity().get("name")) + ": " + item.failure());
    }
}
