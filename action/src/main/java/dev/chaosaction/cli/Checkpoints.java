package dev.chaosaction.cli;

import dev.chaosaction.journal.FileJournalStore;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.RunItem;
import dev.chaosaction.journal.SteadyState;
import dev.chaosaction.run.Engine;
import dev.chaosaction.run.Phase;
import dev.chaosaction.run.Prepared;
import dev.chaosaction.run.RunListener;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.Map;

/**
 * Writes the journal file each time it changes (an activity started or ended), so that a process killed mid-run
 * (the runner's SIGKILL, an OOM kill) leaves its progress on disk: status {@code running}, the activities so far.
 * Each write replaces the file atomically. Everything else goes to the listener it wraps.
 */
public final class Checkpoints implements RunListener {
    private final RunListener next;
    private final Prepared prepared;
    private final FileJournalStore store;
    private final Consumer<String> warn;
    private boolean warned;

    public Checkpoints(RunListener next, Prepared prepared, FileJournalStore store, Consumer<String> warn) {
        this.next = next;
        this.prepared = prepared;
        this.store = store;
        this.warn = warn;
    }

    @Override
    public synchronized void journalChanged(Journal journal) {
        try {
            store.store(journal.runId(), Engine.document(prepared, journal));
        } catch (IOException | RuntimeException e) {
            // The final write reports its own error; one warning is enough for the ones on the way.
            if (!warned) warn.accept("warning: the journal could not be written to " + store.file() + ": "
                    + e.getMessage() + " (retried after each activity)");
            warned = true;
        }
    }

    @Override
    public void phaseStarted(Phase phase) {
        next.phaseStarted(phase);
    }

    @Override
    public void activityEnded(Phase phase, RunItem item) {
        next.activityEnded(phase, item);
    }

    @Override
    public void pausing(Phase phase, Map<String, Object> activity, String when, double seconds) {
        next.pausing(phase, activity, when, seconds);
    }

    @Override
    public void hypothesisChecked(Phase phase, SteadyState state) {
        next.hypothesisChecked(phase, state);
    }

    @Override
    public void runEnded(Journal journal) {
        next.runEnded(journal);
    }
}
