package dev.chaosaction.aws.s3;

import dev.chaosaction.aws.s3.ConditionalObjects;
import dev.chaosaction.journal.Times;
import dev.chaosaction.safety.TargetLock;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Target locks as S3 objects, {@code {prefix}targets/{cluster}/{namespace}.lock}, holding
 * {@code {"runId", "claim", "acquired", "expires"}}. A run creates each with a conditional PUT
 * ({@code If-None-Match: *}); a lock that is released or past its {@code expires} is taken over with a PUT
 * conditional on the ETag read ({@code If-Match}), so that of two runs finding it stale only one gets it.
 * Releasing replaces the lock (again on its ETag) with a released marker rather than deleting it: the role needs
 * no delete right, and a lock some other run took over in the meantime is left alone.
 * <p>
 * Namespaces are locked in sorted order, all or none. The claim token recognises a PUT of ours whose answer was
 * lost and that the client retried: the retry meets our own lock and must not report it as another run's.
 */
public final class S3TargetLock implements TargetLock {
    /** A Kubernetes namespace name (RFC 1123 label); anything else cannot be a key part nor a namespace. */
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** Tries per namespace when the lock changes under us (another run releasing or taking it). */
    private static final int ATTEMPTS = 3;

    private final Supplier<S3Client> s3;
    private final String bucket;
    private final String prefix;
    private final String cluster;
    private final Duration maxHold;
    private final Clock clock;

    /**
     * @param maxHold the longest a run can last (the function's timeout): no lock outlives it
     */
    public S3TargetLock(Supplier<S3Client> s3, String bucket, String prefix, String cluster, Duration maxHold,
                        Clock clock) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.cluster = cluster;
        this.maxHold = maxHold;
        this.clock = clock;
    }

    public String key(String namespace) {
        return prefix + "targets/" + cluster + "/" + namespace + ".lock";
    }

    @Override
    public Lease acquire(String runId, Set<String> namespaces, Instant until) throws Busy {
        for (String namespace : namespaces) {
            if (!NAMESPACE.matcher(namespace).matches()) {
                throw new Busy("'" + namespace + "' is not a Kubernetes namespace name; nothing was locked");
            }
        }
        Instant now = clock.instant();
        Instant expires = until == null || until.isAfter(now.plus(maxHold)) ? now.plus(maxHold) : until;
        ConditionalObjects objects;
        try {
            objects = new ConditionalObjects(s3.get(), bucket);
        } catch (RuntimeException e) {
            throw new Busy("the target locks could not be taken (no S3 client: " + e.getMessage()
                    + "); not running to be safe", e);
        }
        List<Held> held = new ArrayList<>();
        try {
            for (String namespace : new TreeSet<>(namespaces)) held.add(take(objects, namespace, runId, expires));
        } catch (Busy e) {
            release(objects, held);
            throw e;
        }
        return () -> release(objects, held);
    }

    private record Held(String key, String eTag, String runId) {}

    private Held take(ConditionalObjects objects, String namespace, String runId, Instant expires) throws Busy {
        String key = key(namespace);
        Map<String, Object> lock = lock(runId, UUID.randomUUID().toString(), expires);
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                var created = objects.create(key, lock);
                if (created.isPresent()) return new Held(key, created.get(), runId);
                ConditionalObjects.Version current = objects.read(key);
                if (lock.get("claim").equals(current.body().get("claim"))) return new Held(key, current.eTag(), runId);
                if (!free(current.body())) throw new Busy(holder(namespace, current.body()));
                var replaced = objects.replace(key, current.eTag(), lock);
                if (replaced.isPresent()) return new Held(key, replaced.get(), runId);
            }
            throw new Busy(what(namespace) + " changed hands " + ATTEMPTS + " times while this run tried to lock it");
        } catch (IOException | RuntimeException e) {
            // S3 unreachable or refusing, an answer not understood: in doubt, do not run.
            throw new Busy("the lock of " + what(namespace) + " could not be taken (" + e.getMessage()
                    + "); not running to be safe", e);
        }
    }

    /**
     * Released, or held past its expiry by a run that must have died. A lock that cannot be understood is
     * someone's: better a skipped run than two at once.
     */
    private boolean free(Map<String, Object> lock) {
        if (lock.get("released") != null) return true;
        try {
            return lock.get("expires") instanceof String expires
                    && OffsetDateTime.parse(expires).toInstant().isBefore(clock.instant());
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private String holder(String namespace, Map<String, Object> lock) {
        return what(namespace) + " is locked by run " + lock.get("runId") + " until " + lock.get("expires");
    }

    private String what(String namespace) {
        return "namespace '" + namespace + "' of cluster '" + cluster + "'";
    }

    private void release(ConditionalObjects objects, List<Held> held) {
        for (Held h : held) {
            Map<String, Object> released = new LinkedHashMap<>();
            released.put("runId", h.runId());
            released.put("released", Times.iso(clock.instant()));
            try {
                objects.replace(h.key(), h.eTag(), released);
            } catch (IOException | RuntimeException e) {
                // The lock goes stale at its expiry; a release is a courtesy to the next run, not a safety step.
            }
        }
    }

    private Map<String, Object> lock(String runId, String claim, Instant expires) {
        Map<String, Object> lock = new LinkedHashMap<>();
        lock.put("runId", runId);
        lock.put("claim", claim);
        lock.put("acquired", Times.iso(clock.instant()));
        lock.put("expires", Times.iso(expires));
        return lock;
    }
}
