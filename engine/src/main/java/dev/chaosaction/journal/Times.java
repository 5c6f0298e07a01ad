package dev.chaosaction.journal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Journal times as Python's {@code datetime.isoformat()} writes them: microseconds, {@code +00:00}. */
public final class Times {
    private static final DateTimeFormatter WHOLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    private Times() {}

    /** {@code 2024-05-07T10:11:12.123456+00:00}; the fraction is left out when it is zero, as Python does. */
    public static String iso(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        return (micros.getNano() == 0 ? WHOLE : MICROS).format(micros);
    }

    /** A duration in seconds, as the float Chaos Toolkit writes. */
    public static double seconds(Instant start, Instant end) {
        return Duration.between(start, end).toNanos() / 1e9;
    }
}
