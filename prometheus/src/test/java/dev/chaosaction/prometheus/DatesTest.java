package dev.chaosaction.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dateparser forms chaosprometheus's start, end, when and window take, as maya sends them. */
class DatesTest {
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 12, 1, 16, 3, 35, 555_097_000, ZoneOffset.UTC);

    @Test
    void relativeTimesCountBackFromNowUnlessIn() {
        assertEquals("2026-12-01T15:58:35.5Z", at("5 minutes ago"));
        assertEquals("2026-12-01T15:58:35.5Z", at("5m ago"));
        assertEquals("2026-12-01T15:58:35.5Z", at("5M"));
        assertEquals("2026-12-01T15:58:35.5Z", at("-5m"));
        assertEquals("2026-12-01T15:59:35.5Z", at("4 mins ago"));
        assertEquals("2026-12-01T16:03:05.5Z", at("30 seconds ago"));
        assertEquals("2026-12-01T14:03:35.5Z", at("2 hrs ago"));
        assertEquals("2026-12-01T14:33:35.5Z", at("1.5 hours ago"));
        assertEquals("2026-11-30T16:03:35.5Z", at("1d"));
        assertEquals("2026-11-24T16:03:35.5Z", at("1 week ago"));
        assertEquals("2026-11-01T16:03:35.5Z", at("1 month ago"));
        assertEquals("2025-12-01T16:03:35.5Z", at("1 year ago"));
        assertEquals("2026-12-01T18:03:35.5Z", at("in 2 hours"));
        assertEquals("2026-12-01T16:03:35.5Z", at("now"));
        assertEquals("2026-11-30T16:03:35.5Z", at("yesterday"));
    }

    @Test
    void absoluteTimesKeepTheirOffsetAndTakeTheLocalZoneWithoutOne() {
        assertEquals("2026-12-01T10:00:00.0Z", at("2026-12-01T10:00:00Z"));
        assertEquals("2026-12-01T08:00:00.0Z", at("2026-12-01T10:00:00+02:00"));
        assertEquals("2026-12-01T10:00:00.1Z", at("2026-12-01T10:00:00.123456Z"));
        assertEquals("2026-12-01T10:00:00.0Z", at("2026-12-01T10:00Z"));
        assertEquals("2026-12-01T10:00:00.0Z", at("2026-12-01 10:00:00"));
        assertEquals("2026-12-01T00:00:00.0Z", at("2026-12-01"));
        assertEquals("2023-11-14T22:13:20.0Z", at("1700000000"));
        assertEquals("2023-11-14T22:13:20.1Z", at("1700000000123"));
    }

    @Test
    void whatDateparserCannotReadDoesNotParse() {
        assertEquals(Optional.empty(), Dates.parse("garbage", NOW));
        assertEquals(Optional.empty(), Dates.parse("1 w ago", NOW));
        assertEquals(Optional.empty(), Dates.parse("", NOW));
    }

    private static String at(String text) {
        return Dates.rfc3339(Dates.parse(text, NOW).orElseThrow(() -> new AssertionError(text)));
    }
}
