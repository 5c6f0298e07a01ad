package dev.chaosaction.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The strings Python's {@code datetime.isoformat()} gives for the same instants in UTC. */
class TimesTest {
    @Test
    void microsecondsWhenThereAreAnyAndNothingElseBelowTheSecond() {
        assertEquals("2024-05-07T10:11:12.123456+00:00", Times.iso(Instant.parse("2024-05-07T10:11:12.123456789Z")));
        assertEquals("2024-05-07T10:11:12.000005+00:00", Times.iso(Instant.parse("2024-05-07T10:11:12.000005Z")));
        assertEquals("2024-05-07T10:11:12.100000+00:00", Times.iso(Instant.parse("2024-05-07T10:11:12.1Z")));
        assertEquals("2024-05-07T10:11:12+00:00", Times.iso(Instant.parse("2024-05-07T10:11:12.000000999Z")));
        assertEquals("2024-05-07T00:00:00+00:00", Times.iso(Instant.parse("2024-05-07T00:00:00Z")));
    }

    @Test
    void fourDigitYearsAndTwoDigitFieldsEverywhere() {
        assertEquals("0999-01-02T03:04:05+00:00", Times.iso(Instant.parse("0999-01-02T03:04:05Z")));
        assertEquals("9999-12-31T23:59:59.999999+00:00", Times.iso(Instant.parse("9999-12-31T23:59:59.999999Z")));
        assertEquals("1969-12-31T23:59:59.500000+00:00", Times.iso(Instant.ofEpochSecond(-1, 500_000_000)));
    }
}
