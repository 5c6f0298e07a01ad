package dev.chaosaction.aws.s3;

import dev.chaosaction.journal.S3Location;
import dev.chaosaction.value.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.core.JacksonException;

/**
 * JSON objects in one bucket written with S3's preconditions, what the locks are made of: a create that fails
 * when the key exists ({@code If-None-Match: *}) and a replace that fails when the object is no longer the
 * version read ({@code If-Match: etag}). Of two writers racing on one key, exactly one wins either way.
 */
public final class ConditionalObjects {
    /** S3's answer when another conditional write on the key is in flight: the race is lost too. */
    private static final int CONFLICT = 409;

    /** An object as read, with the version tag a replace must match. */
    public record Version(Map<String, Object> body, String eTag) {}

    private final S3Client s3;
    private final String bucket;

    public ConditionalObjects(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public String uri(String key) {
        return new S3Location(bucket, key).toString();
    }

    /**
     * Creates the object unless the key exists.
     *
     * @return the new object's ETag; empty when the key existed (or another writer was creating it)
     * @throws IOException when S3 cannot be reached or refuses for another reason
     */
    public Optional<String> create(String key, Map<String, Object> body) throws IOException {
        return write(key, body, put -> put.ifNoneMatch("*"));
    }

    /**
     * Replaces the object if it is still the version {@code eTag}.
     *
     * @return the new ETag; empty when the object changed or went since it was read
     */
    public Optional<String> replace(String key, String eTag, Map<String, Object> body) throws IOException {
        return write(key, body, put -> put.ifMatch(eTag));
    }

    /** Writes the object whatever is there. */
    public void put(String key, Map<String, Object> body) throws IOException {
        write(key, body, put -> {});
    }

    /** Reads the object, which must hold a JSON object. */
    public Version read(String key) throws IOException {
        try {
            var object = s3.getObjectAsBytes(get -> get.bucket(bucket).key(key));
            if (Json.parse(object.asUtf8String()) instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = (Map<String, Object>) map;
                return new Version(body, object.response().eTag());
            }
            throw new IOException(uri(key) + " does not hold a JSON object");
        } catch (SdkException e) {
            throw S3JournalStore.failure(bucket, key, e);
        } catch (JacksonException e) {
            throw new IOException(uri(key) + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The key existed (create), the version changed or the object went (replace), or a concurrent write won. */
    private static boolean lostRace(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() == S3JournalStore.PRECONDITION_FAILED || e.statusCode() == CONFLICT
                || "NoSuchKey".equals(code);
    }

    private Optional<String> write(String key, Map<String, Object> body,
                                   Consumer<PutObjectRequest.Builder> condition) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        try {
            String eTag = s3.putObject(put -> condition.accept(put.bucket(bucket).key(key)
                    .contentType("application/json")), RequestBody.fromBytes(bytes)).eTag();
            return Optional.of(eTag);
        } catch (S3Exception e) {
            if (lostRace(e)) return Optional.empty();
            throw S3JournalStore.failure(bucket, key, e);
        } catch (SdkException e) {
            throw S3JournalStore.failure(bucket, key, e);
        }
    }
}
