package dev.chaosaction.aws.s3;

import dev.chaosaction.journal.JournalStore;
import dev.chaosaction.journal.S3Location;
import dev.chaosaction.value.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Stores journals in S3 at {@code {prefix}{yyyy}/{MM}/{dd}/{experiment-slug}/{runId}.json} (the date is the run's
 * start, in UTC), with a conditional create so that a journal is never overwritten. The S3 client retries as its
 * retry policy says; what fails after that is an {@link IOException} for the caller to fall back on.
 */
public final class S3JournalStore implements JournalStore {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final int MAX_SLUG = 64;
    /** S3's answer to {@code If-None-Match: *} when the key exists. */
    static final int PRECONDITION_FAILED = 412;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    /**
     * @param prefix prepended to every key as given ({@code journals/}); may be empty
     */
    public S3JournalStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    public String store(String runId, Map<String, Object> journal) throws IOException {
        String key = key(prefix, journal, runId);
        byte[] body = Json.pretty(journal).getBytes(StandardCharsets.UTF_8);
        try {
            s3.putObject(put -> put.bucket(bucket).key(key).ifNoneMatch("*").contentType("application/json"),
                    RequestBody.fromBytes(body));
        } catch (S3Exception e) {
            // The run id is unique (the run lock sees to it), so the key existing means an earlier attempt of
            // this very PUT got through and only its answer was lost: the journal is stored.
            if (e.statusCode() != PRECONDITION_FAILED) throw failure(bucket, key, e);
        } catch (SdkException e) {
            throw failure(bucket, key, e);
        }
        return new S3Location(bucket, key).toString();
    }

    /**
     * Stores the run's HTML report beside its journal ({@link #reportKey}), overwritten if it exists: a report is
     * made from the journal, which is never overwritten.
     *
     * @return where it was stored
     */
    public String storeReport(String runId, Map<String, Object> journal, String html) throws IOException {
        String key = reportKey(prefix, journal, runId);
        try {
            s3.putObject(put -> put.bucket(bucket).key(key).contentType("text/html; charset=utf-8"),
                    RequestBody.fromString(html, StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw failure(bucket, key, e);
        }
        return new S3Location(bucket, key).toString();
    }

    /** The key of a journal's HTML report: {@code …/runId.html} beside {@code …/runId.json}. */
    public static String reportKey(String prefix, Map<String, Object> journal, String runId) {
        return key(prefix, journal, runId).replaceFirst("\\.json$", "") + ".html";
    }

    /**
     * The key of a journal document: {@code {prefix}{yyyy}/{MM}/{dd}/{slug of the experiment title}/{runId}.json}.
     * The date comes from the journal's {@code start}; a document without one (never written by the engine) is
     * filed under today.
     */
    public static String key(String prefix, Map<String, Object> journal, String runId) {
        String title = journal.get("experiment") instanceof Map<?, ?> experiment
                && experiment.get("title") instanceof String t ? t : "";
        return prefix + DAY.format(start(journal)) + "/" + slug(title) + "/" + runId + ".json";
    }

    /** Lower-case letters and digits joined by single hyphens, at most 64 characters; {@code experiment} if empty. */
    public static String slug(String title) {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_SLUG) slug = slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
        return slug.isEmpty() ? "experiment" : slug;
    }

    private static Instant start(Map<String, Object> journal) {
        if (journal.get("start") instanceof String start) {
            try {
                return OffsetDateTime.parse(start).toInstant();
            } catch (DateTimeParseException e) {
                // fall through to today
            }
        }
        return Instant.now();
    }

    static IOException failure(String bucket, String key, SdkException e) {
        return new IOException(new S3Location(bucket, key) + ": " + e.getMessage(), e);
    }
}
