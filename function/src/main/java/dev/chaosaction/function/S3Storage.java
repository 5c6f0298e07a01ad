package dev.chaosaction.function;

import dev.chaosaction.aws.s3.S3JournalStore;
import dev.chaosaction.aws.s3.S3RunLock;
import dev.chaosaction.journal.JournalStore;
import dev.chaosaction.journal.S3Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Journals, their HTML reports and run locks in the journal bucket, under one prefix. */
record S3Storage(JournalStore journals, S3RunLock lock, S3Client s3, String bucket, String prefix) implements Storage {
    static S3Storage of(S3Client s3, String bucket, String prefix) {
        return new S3Storage(new S3JournalStore(s3, bucket, prefix), new S3RunLock(s3, bucket, prefix), s3, bucket,
                prefix);
    }

    /** Overwritten if it exists: a report is made from the journal, which is never overwritten. */
    @Override
    public String report(String runId, Map<String, Object> journal, String html) throws IOException {
        S3Location at = new S3Location(bucket, Storage.reportKey(S3JournalStore.key(prefix, journal, runId)));
        try {
            s3.putObject(put -> put.bucket(bucket).key(at.key()).contentType("text/html; charset=utf-8"),
                    RequestBody.fromString(html, StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw new IOException(at + ": " + e.getMessage(), e);
        }
        return at.toString();
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
