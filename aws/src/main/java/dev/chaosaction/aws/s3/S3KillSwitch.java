package dev.chaosaction.aws.s3;

import dev.chaosaction.journal.S3Location;
import dev.chaosaction.safety.KillSwitch;
import dev.chaosaction.safety.KillSwitchSource;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A kill switch that is an S3 object: engaged while the object exists (HeadObject answers 200). Anything but a
 * clear "no such key" (403, a network error, a timeout, no client) counts as engaged: when nobody can tell
 * whether an operator asked to stop, stopping is the safe answer. S3 answers HEAD with a bare 404 for a missing
 * bucket too, so the first "no such key" is checked with HeadBucket: a misspelt bucket must not read as "off".
 */
public final class S3KillSwitch implements KillSwitch {
    private final Supplier<S3Client> s3;
    private final S3Location location;
    private S3Client client;
    private boolean bucketSeen;

    /** @param s3 asked once, at the first check, so that a run without a kill switch never makes an S3 client */
    public S3KillSwitch(Supplier<S3Client> s3, S3Location location) {
        this.s3 = s3;
        this.location = location;
    }

    /** How the engine reads kill switches with {@code s3} (asked at each switch's first check). */
    public static KillSwitchSource source(Supplier<S3Client> s3) {
        return location -> new S3KillSwitch(s3, location);
    }

    @Override
    public synchronized Optional<String> engaged() {
        try {
            if (client == null) client = s3.get();
            client.headObject(head -> head.bucket(location.bucket()).key(location.key()));
            return Optional.of("kill switch " + location + " is engaged (the object exists)");
        } catch (NoSuchKeyException e) {
            return bucketExists() ? Optional.empty() : unreadable("bucket " + location.bucket() + " does not exist");
        } catch (S3Exception e) {
            return unreadable("S3 answered " + e.statusCode());
        } catch (RuntimeException e) {
            // A network error, a timeout, a client that cannot be built: in doubt, stop.
            return unreadable(e.getMessage());
        }
    }

    private boolean bucketExists() {
        if (!bucketSeen) {
            try {
                client.headBucket(head -> head.bucket(location.bucket()));
                bucketSeen = true;
            } catch (NoSuchBucketException e) {
                return false;
            }
        }
        return true;
    }

    private Optional<String> unreadable(String why) {
        return Optional.of("kill switch " + location + " could not be read (" + why + "); stopping to be safe");
    }
}
