package dev.chaosaction.function;

import dev.chaosaction.aws.s3.S3JournalStore;
import dev.chaosaction.aws.s3.S3RunLock;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/** Journals, their HTML reports and run locks in the journal bucket, under one prefix. */
record S3Storage(S3JournalStore journals, S3RunLock lock) implements Storage {
    static S3Storage of(S3Client s3, String bucket, String prefix) {
        return new S3Storage(new S3JournalStore(s3, bucket, prefix), new S3RunLock(s3, bucket, prefix));
    }

    @Override
    public String report(String runId, Map<String, Object> journal, String html) throws IOException {
        return journals.storeReport(runId, journal, html);
    }

    @Override
    public Optional<Map<String, Object>> claim(String runId, Map<String, Object> state) throws IOException {
        return lock.claim(runId, state);
    }

    @Override
    public void complete(String runId, Map<String, Object> result) throws IOException {
        lock.complete(runId, result);
    }
}
