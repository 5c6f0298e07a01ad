package dev.chaosaction.run;

import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.RunItem;
import dev.chaosaction.journal.SteadyState;

/** Progress of a run, for whoever shows it: a terminal, JSON log lines, a GitHub job log. */
public interface RunListener {
    RunListener NONE = new RunListener() {};

    /** A phase starts: {@code hypothesis-before}, {@code method}, {@code hypothesis-after}, {@code rollbacks}. */
    default void phaseStarted(Phase phase) {}

    /** An activity of the method or the rollbacks ended (before its pause after); probes come with their check. */
    default void activityEnded(Phase phase, RunItem item) {}

    /** A pause of {@code seconds} begins {@code before} or {@code after} the activity. */
    default void pausing(Phase phase, java.util.Map<String, Object> activity, String when, double seconds) {}

    default void hypothesisChecked(Phase phase, SteadyState state) {}

    /**
     * The journal changed: an activity started or ended, a check began. Called on the thread that changed it;
     * a listener that stores it (so that a killed process leaves its progress) must be quick and thread-safe.
     */
    default void journalChanged(Journal journal) {}

    default void runEnded(Journal journal) {}
}
