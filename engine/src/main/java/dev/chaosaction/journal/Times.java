package dev.chaosaction.journal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Journal times as Python's {@code datetime.isoformat()} writes them: microseconds, {@code +00:00}. */
public final class Times {
    private Times() {}

    /**
     * {@code 2024-05-07T10:11:12.123456+00:00}; the fraction is left out when it is zero, as Python does. Written
     * by hand: a journal stamps every activity twice, and a DateTimeFormatter was 2% of a warm HTTP activity.
     */
    public static String iso(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder s = new StringBuilder(32).append(t.toLocalDate()).append('T');
        twoDigits(s, t.getHour()).append(':');
        twoDigits(s, t.getMinute()).append(':');
        twoDigits(s, t.getSecond());
        int micros = instant.getNano() / 1000;
        if (micros != 0) s.append('.').append(Integer.toString(1_000_000 + micros), 1, 7);
        return s.append("+00:00").toString();
    }

    private static StringBuilder twoDigits(StringBuilder s, int value) {
        return s.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** A duration in seconds, as the float Chaos Toolkit writes. */
    public static double seconds(Instant start, Instant end) {
        return Duration.between(start, end).toNanos() / 1e9;
    }
}
