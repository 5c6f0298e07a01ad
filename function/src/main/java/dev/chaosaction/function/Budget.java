package dev.chaosaction.function;

import dev.chaosaction.run.RunSettings;
import java.time.Duration;
import java.time.Instant;

/**
 * How the time Lambda leaves an invocation is shared out. The journal write keeps the last
 * min(15 s, 10 %) of it; the rollbacks keep min(60 s, 20 %) before that; the hypothesis and the method get the
 * rest. With the template's 900 s timeout the method is interrupted at 825 s, rollbacks at 885 s. The shares
 * are fractions too, so that a short timeout still leaves the method most of it.
 *
 * @param deadline when rollbacks must be over (the engine's hard deadline)
 * @param reserve  how long before the deadline the method is interrupted
 */
record Budget(Instant deadline, Duration reserve) {
    static final Duration JOURNAL_SHARE = Duration.ofSeconds(15);
    static final Duration ROLLBACK_SHARE = Duration.ofSeconds(60);

    static Budget of(Instant now, Duration remaining) {
        Duration journal = min(JOURNAL_SHARE, remaining.dividedBy(10));
        Duration rollbacks = min(ROLLBACK_SHARE, remaining.dividedBy(5));
        return new Budget(now.plus(remaining).minus(journal), rollbacks);
    }

    RunSettings apply(RunSettings settings) {
        return settings.withDeadline(deadline, reserve);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
