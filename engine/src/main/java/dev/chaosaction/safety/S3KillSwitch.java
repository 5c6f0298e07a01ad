package dev.chaosaction.safety;

import dev.chaosaction.journal.S3Location;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A kill switch that is an S3 object: engaged while the object exists (HeadObject answers 200). Anything but a
 * clear "no such key" (403, a network error, a timeout, no client) counts as engaged: when nobody can tell
 * whether an operator asked to stop, stopping is the safe answer.
 */
public final class S3KillSwitch implements KillSwitch {
    private static final int NOT_FOUND = 404;

    private final Supplier<S3Client> s3;
    private final S3Location location;
    private S3Client client;

    /** @param s3 asked once, at the first check, so that a run without a kill switch never makes an S3 client */
    public S3KillSwitch(Supplier<S3Client> s3, S3Location location) {
        this.s3 = s3;
        this.location = location;
    }

    @Override
    public synchronized Optional<String> engaged() {
        try {
            if (client == null) client = s3.get();
            client.headObject(head -> head.bucket(location.bucket()).key(location.key()));
            return Optional.of("kill switch " + location + " is engaged (the object exists)");
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND && !"NoSuchBucket".equals(code(e))) return Optional.empty();
            return unreadable("S3 answered " + e.statusCode() + (code(e) == null ? "" : " " + code(e)));
        } catch (SdkException | IllegalStateException e) {
            // IllegalStateException: the client could not be built (no region, no credentials provider).
            return unreadable(e.getMessage());
        }
    }

    private Optional<String> unreadable(String why) {
        return Optional.of("kill switch " + location + " could not be read (" + why + "); stopping to be safe");
    }

    private static String code(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
