package dev.chaosaction.journal;

import dev.chaosaction.value.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.core.JacksonException;

/**
 * The idempotency lock of a run: the object {@code {prefix}runs/{runId}.lock}, created with a conditional PUT
 * ({@code If-None-Match: *}) before anything runs, so that of several deliveries of one event only the first
 * runs. The object holds the run's state as JSON, {@code {"claim": token, "state": {...}}}: what the first run
 * wrote when it claimed the lock, then its result once {@link #complete} replaces it. It is never deleted (a
 * bucket lifecycle rule may expire it).
 * <p>
 * The token tells a claim that lost to another from one whose own first attempt got through: the S3 client
 * retries a PUT whose answer was lost, and the retry then meets the object the first attempt created.
 */
public final class S3RunLock {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3RunLock(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    public String key(String runId) {
        return prefix + "runs/" + runId + ".lock";
    }

    /**
     * Creates the lock holding {@code state}.
     *
     * @return empty when this caller now holds the lock; else the state the lock holds (the first run's)
     * @throws IOException when S3 cannot be reached or refuses for another reason
     */
    public Optional<Map<String, Object>> claim(String runId, Map<String, Object> state) throws IOException {
        String key = key(runId);
        String token = UUID.randomUUID().toString();
        try {
            s3.putObject(put -> put.bucket(bucket).key(key).ifNoneMatch("*").contentType("application/json"),
                    RequestBody.fromBytes(json(token, state)));
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() != S3JournalStore.PRECONDITION_FAILED) throw S3JournalStore.failure(bucket, key, e);
        } catch (SdkException e) {
            throw S3JournalStore.failure(bucket, key, e);
        }
        Map<String, Object> lock = read(key);
        if (token.equals(lock.get("claim"))) return Optional.empty();
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) lock.get("state");
        return Optional.of(first);
    }

    /** Replaces the lock's content with the run's result; the lock itself stays, so later duplicates see it. */
    public void complete(String runId, Map<String, Object> result) throws IOException {
        String key = key(runId);
        try {
            s3.putObject(put -> put.bucket(bucket).key(key).contentType("application/json"),
                    RequestBody.fromBytes(json(null, result)));
        } catch (SdkException e) {
            throw S3JournalStore.failure(bucket, key, e);
        }
    }

    private Map<String, Object> read(String key) throws IOException {
        try {
            String text = s3.getObjectAsBytes(get -> get.bucket(bucket).key(key)).asUtf8String();
            if (Json.parse(text) instanceof Map<?, ?> map && map.get("state") instanceof Map<?, ?>) {
                @SuppressWarnings("unchecked")
                Map<String, Object> lock = (Map<String, Object>) map;
                return lock;
            }
            throw new IOException("s3://" + bucket + "/" + key + " is not a run lock (no state object)");
        } catch (SdkException e) {
            throw S3JournalStore.failure(bucket, key, e);
        } catch (JacksonException e) {
            throw new IOException("s3://" + bucket + "/" + key + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static byte[] json(String token, Map<String, Object> state) {
        Map<String, Object> lock = new LinkedHashMap<>();
        lock.put("claim", token);
        lock.put("state", state);
        return Json.write(lock).getBytes(StandardCharsets.UTF_8);
    }
}
