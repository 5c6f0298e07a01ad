package dev.chaosaction.function;

import dev.chaosaction.journal.JournalStore;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** Where journals and run locks live: S3 in Lambda, a directory for local use. */
interface Storage {
    JournalStore journals();

    /**
     * Stores the run's HTML report beside its journal (the journal's key with {@code .html} for {@code .json}),
     * so that a run leaves a page people can open.
     *
     * @return where it was stored
     */
    String report(String runId, Map<String, Object> journal, String html) throws IOException;

    /**
     * Takes the run's lock, leaving {@code state} in it, before anything runs.
     *
     * @return empty when this invocation holds the lock now; else the state the first run left in it
     */
    Optional<Map<String, Object>> claim(String runId, Map<String, Object> state) throws IOException;

    /** Leaves the run's result in its lock, for duplicate deliveries to return. */
    void complete(String runId, Map<String, Object> result) throws IOException;
}
