package dev.chaosaction.journal;

import java.io.IOException;
import java.util.Map;

/** Where a finished journal goes: a file, an S3 object. */
public interface JournalStore {
    /**
     * Stores the journal document (already redacted).
     *
     * @return where it was stored ({@code /path/journal.json}, {@code s3://bucket/key})
     */
    String store(String runId, Map<String, Object> journal) throws IOException;
}
