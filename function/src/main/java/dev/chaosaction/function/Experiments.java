package dev.chaosaction.function;

import dev.chaosaction.experiment.ExperimentLoader;
import dev.chaosaction.experiment.ExperimentUrls;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.journal.S3Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The experiment of a request: the document itself, the experiment at an {@code http(s)://} URL
 * ({@link ExperimentUrlClient}), or the JSON or YAML object an {@code s3://bucket/key} reference names (the key's extension chooses the format, as a file's does). Problems have paths relative to
 * the experiment; a reference that cannot be read is a problem of the experiment as a whole.
 */
final class Experiments {
    static final String S3 = "s3://";
    private static final int FORBIDDEN = 403;
    private static final int NOT_FOUND = 404;
    /** A key segment that is {@code .} or {@code ..}: S3 keeps it as a name, but HTTP paths resolve it. */
    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)\\.{1,2}(/|$)");

    private final Supplier<S3Client> s3;
    private final S3Location allowed;
    private final ExperimentUrls urls;

    /** @param allowed where {@code s3://} experiments must be (bucket and key prefix), or null for anywhere */
    Experiments(Supplier<S3Client> s3, S3Location allowed, ExperimentUrls urls) {
        this.s3 = s3;
        this.allowed = allowed;
        this.urls = urls;
    }

    Map<String, Object> load(Request request) throws InvalidExperimentException {
        return switch (request.experiment()) {
            case String url when ExperimentUrls.isUrl(url) -> urls.load(url);
            case String reference -> fetch(reference);
            default -> ExperimentLoader.asExperiment(request.experiment());
        };
    }

    /** Reads the object; S3 being unreachable is not the payload's fault, so it is raised, not reported. */
    private Map<String, Object> fetch(String reference) throws InvalidExperimentException {
        S3Location location;
        try {
            location = S3Location.parse(reference);
        } catch (IllegalArgumentException e) {
            throw new InvalidExperimentException("", e.getMessage());
        }
        String bucket = location.bucket();
        String key = location.key();
        if (DOT_SEGMENT.matcher(key).find()) {
            throw new InvalidExperimentException("", "'" + reference + "' has a '.' or '..' segment in its key:"
                    + " the SDK sends it as written and a server or proxy on the way may resolve it to another"
                    + " object, even another bucket; name the object itself");
        }
        // IAM should say the same; the function does not rely on it (a role grows wider than its template).
        if (allowed != null && !(bucket.equals(allowed.bucket()) && key.startsWith(allowed.key()))) {
            throw new InvalidExperimentException("", "'" + reference + "' is outside s3://" + allowed.bucket() + "/"
                    + allowed.key() + ", where this function reads experiments (" + FunctionConfig.EXPERIMENTS_PREFIX
                    + ")");
        }
        ExperimentLoader.Format format = ExperimentLoader.formatOf(key);
        try (ResponseInputStream<GetObjectResponse> in = s3.get().getObject(get -> get.bucket(bucket).key(key))) {
            Long length = in.response().contentLength();
            if (length != null && length > ExperimentLoader.MAX_BYTES) {
                throw new InvalidExperimentException("", reference + " is larger than " + ExperimentLoader.MAX_BYTES
                        + " bytes");
            }
            return ExperimentLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), format);
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new InvalidExperimentException("", reference + " does not exist");
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) throw new InvalidExperimentException("", reference + " does not exist");
            // Without s3:ListBucket, S3 answers 403 for a missing key too.
            if (e.statusCode() == FORBIDDEN) {
                throw new InvalidExperimentException("", reference + " cannot be read: access denied (or it does "
                        + "not exist)");
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + reference, e);
        }
    }
}
