package dev.chaosaction.function;

import dev.chaosaction.aws.s3.S3JournalStore;
import dev.chaosaction.journal.FileJournalStore;
import dev.chaosaction.journal.JournalStore;
import dev.chaosaction.value.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Journals, reports and run locks in a local directory, laid out as in the bucket
 * ({@code yyyy/MM/dd/slug/runId.json} and {@code .html}, {@code runs/runId.lock}), for the local invoke server.
 */
record DirectoryStorage(Path root) implements Storage {
    @Override
    public JournalStore journals() {
        return (runId, journal) -> new FileJournalStore(root.resolve(S3JournalStore.key("", journal, runId)))
                .store(runId, journal);
    }

    @Override
    public String report(String runId, Map<String, Object> journal, String html) throws IOException {
        Path file = root.resolve(S3JournalStore.reportKey("", journal, runId));
        Files.createDirectories(file.getParent());
        return Files.writeString(file, html, StandardCharsets.UTF_8).toAbsolutePath().normalize().toString();
    }

    @Override
    public Optional<Map<String, Object>> claim(String runId, Map<String, Object> state) throws IOException {
        Path lock = lock(runId);
        Path draft = lock.resolveSibling(runId + ".draft-" + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().threadId());
        write(state, draft);
        try {
            // A hard link appears whole or not at all, and fails if the lock exists: a conditional create.
            Files.createLink(lock, draft);
            return Optional.empty();
        } catch (FileAlreadyExistsException e) {
            @SuppressWarnings("unchecked")
            Map<String, Object> first = (Map<String, Object>) Json.parse(Files.readString(lock, StandardCharsets.UTF_8));
            return Optional.of(first);
        } finally {
            Files.delete(draft);
        }
    }

    @Override
    public void complete(String runId, Map<String, Object> result) throws IOException {
        write(result, lock(runId));
    }

    private static void write(Map<String, Object> state, Path file) throws IOException {
        try {
            Json.prettyToFile(state, file);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Path lock(String runId) {
        return root.resolve("runs").resolve(runId + ".lock");
    }
}
