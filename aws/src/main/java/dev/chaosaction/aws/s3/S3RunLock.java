package dev.chaosaction.aws.s3;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;

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
    private final ConditionalObjects objects;
    private final String prefix;

    public S3RunLock(S3Client s3, String bucket, String prefix) {
        this.objects = new ConditionalObjects(s3, bucket);
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
        if (objects.create(key, lock(token, state)).isPresent()) return Optional.empty();
        Map<String, Object> lock = objects.read(key).body();
        if (token.equals(lock.get("claim"))) return Optional.empty();
        if (lock.get("state") instanceof Map<?, ?> first) {
            @SuppressWarnings("unchecked")
            Map<String, Object> firstState = (Map<String, Object>) first;
            return Optional.of(firstState);
        }
        throw new IOException(objects.uri(key) + " is not a run lock (no state object)");
    }

    /** Replaces the lock's content with the run's result; the lock itself stays, so later duplicates see it. */
    public void complete(String runId, Map<String, Object> result) throws IOException {
        objects.put(key(runId), lock(null, result));
    }

    private static Map<String, Object> lock(String token, Map<String, Object> state) {
        Map<String, Object> lock = new LinkedHashMap<>();
        lock.put("claim", token);
        lock.put("state", state);
        return lock;
    }
}
