package dev.chaosaction.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chaosaction.activity.ActivityFailed;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void readsTheSpansTheExtensionDocuments() throws ActivityFailed {
        assertEquals(Duration.ofMinutes(10), Durations.parseSpan("10 minutes"));
        assertEquals(Duration.ofHours(1), Durations.parseSpan("1 hour ago"));
        assertEquals(Duration.ofSeconds(30), Durations.parseSpan("30s"));
        assertEquals(Duration.ofDays(14), Durations.parseSpan(" 2 Weeks "));
    }

    @Test
    void refusesWhatItCannotRead() {
        assertEquals("read_pod_logs: cannot read last='ten minutes'; write a number and a unit, such as '10 minutes' "
                + "or '2 hours'", assertThrows(ActivityFailed.class, () -> Durations.parseSpan("ten minutes"))
                .getMessage());
        assertThrows(ActivityFailed.class, () -> Durations.parseSpan("10 fortnights"));
    }
}
