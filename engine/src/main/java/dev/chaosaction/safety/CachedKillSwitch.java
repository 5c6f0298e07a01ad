package dev.chaosaction.safety;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Asks a kill switch at most once per interval and answers from the last reading in between, so that a
 * method of many quick activities makes a handful of S3 requests, not one per activity. Once engaged it stays
 * engaged: the run it guards is stopping anyway. Threads share it (the continuous hypothesis checks too).
 */
public final class CachedKillSwitch implements KillSwitch {
    /** At most one S3 request per second per run. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);

    private final KillSwitch source;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private Optional<String> last;
    private long readAt;

    /** @param nanoTime a monotonic clock ({@code System::nanoTime}) */
    public CachedKillSwitch(KillSwitch source, Duration interval, LongSupplier nanoTime) {
        this.source = source;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    public CachedKillSwitch(KillSwitch source) {
        this(source, INTERVAL, System::nanoTime);
    }

    @Override
    public synchronized Optional<String> engaged() {
        long now = nanoTime.getAsLong();
        boolean fresh = last != null && (last.isPresent() || now - readAt < intervalNanos);
        if (!fresh) {
            last = source.engaged();
            readAt = now;
        }
        return last;
    }
}
