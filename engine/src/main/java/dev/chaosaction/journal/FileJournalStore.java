package dev.chaosaction.journal;

import dev.chaosaction.value.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** Writes the journal to one file, pretty-printed like Chaos Toolkit's, replacing it atomically. */
public record FileJournalStore(Path file) implements JournalStore {
    @Override
    public String store(String runId, Map<String, Object> journal) throws IOException {
        try {
            Json.prettyToFile(journal, file);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return file.toAbsolutePath().normalize().toString();
    }
}
