package dev.chaosaction.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** At most one reading per interval; an engaged switch stays engaged. The clock is the test's. */
class CachedKillSwitchTest {
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicReference<Optional<String>> state = new AtomicReference<>(Optional.empty());
    private final KillSwitch cached = new CachedKillSwitch(() -> {
        reads.incrementAndGet();
        return state.get();
    }, Duration.ofSeconds(1), now::get);

    @Test
    void readingsWithinTheIntervalAreAnsweredFromTheLastOne() {
        for (int i = 0; i < 50; i++) {
            assertEquals(Optional.empty(), cached.engaged());
            now.addAndGet(Duration.ofMillis(10).toNanos());
        }
        assertEquals(1, reads.get());
    }

    @Test
    void aReadingOlderThanTheIntervalIsRefreshed() {
        cached.engaged();
        state.set(Optional.of("stop"));
        now.addAndGet(Duration.ofMillis(999).toNanos());
        assertEquals(Optional.empty(), cached.engaged());

        now.addAndGet(Duration.ofMillis(1).toNanos());

        assertEquals(Optional.of("stop"), cached.engaged());
        assertEquals(2, reads.get());
    }

    @Test
    void onceEngagedItStaysEngagedWithoutAskingAgain() {
        state.set(Optional.of("stop"));
        cached.engaged();
        state.set(Optional.empty());
        now.addAndGet(Duration.ofMinutes(5).toNanos());

        assertEquals(Optional.of("stop"), cached.engaged());
        assertEquals(1, reads.get());
    }
}
