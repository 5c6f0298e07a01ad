package dev.chaosaction.prometheus;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dates chaosprometheus reads with {@code dateparser.parse(text, RETURN_AS_TIMEZONE_AWARE)}: the forms
 * its documentation and experiments use. RFC 3339 and ISO 8601 times (a time without an offset is in the
 * machine's zone, as dateparser takes it), a date alone (midnight), a Unix timestamp in seconds or milliseconds,
 * {@code now}, {@code today}, {@code yesterday}, and relative times such as {@code 5 minutes ago}, {@code 5m},
 * {@code -5m} or {@code in 2 hours} (past unless {@code in}). Anything else does not parse, as dateparser's
 * other languages and free forms are not served.
 */
final class Dates {
    private static final Pattern RELATIVE = Pattern.compile(
            "(in\\s+)?-?(\\d+(?:\\.\\d+)?)\\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|weeks?"
                    + "|months?|years?)(\\s+ago)?");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{10}(\\.\\d+)?|\\d{13}");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss",
            Locale.ROOT);

    private Dates() {}

    /** The moment {@code text} names, read at {@code now}; empty when dateparser's forms above do not fit. */
    static Optional<ZonedDateTime> parse(String text, ZonedDateTime now) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "now", "today" -> {
                return Optional.of(now);
            }
            case "yesterday" -> {
                return Optional.of(now.minusDays(1));
            }
            default -> { }
        }
        Matcher relative = RELATIVE.matcher(t);
        if (relative.matches()) return Optional.of(relative(relative, now));
        if (TIMESTAMP.matcher(t).matches()) return Optional.of(timestamp(t, now.getZone()));
        return absolute(text.strip(), now.getZone());
    }

    /**
     * maya's {@code rfc3339()}: the moment in UTC with one digit of its fraction of a second (maya cuts the
     * rest off), as chaosprometheus sends {@code time}, {@code start} and {@code end}.
     */
    static String rfc3339(ZonedDateTime moment) {
        ZonedDateTime utc = moment.withZoneSameInstant(ZoneOffset.UTC);
        return SECONDS.format(utc) + "."
                + utc.getNano() / 100_000_000 + "Z";
    }

    private static ZonedDateTime relative(Matcher m, ZonedDateTime now) {
        boolean future = m.group(1) != null;
        BigDecimal amount = new BigDecimal(m.group(2));
        String unit = m.group(3);
        if (unit.startsWith("mo") || unit.startsWith("y")) {
            // Calendar units, as dateparser's relativedelta: whole months and years only.
            long whole = amount.longValue() * (unit.startsWith("y") ? 12 : 1);
            return future ? now.plusMonths(whole) : now.minusMonths(whole);
        }
        long seconds = switch (unit.charAt(0)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86_400;
            default -> 604_800; // weeks
        };
        Duration offset = Duration.ofNanos(amount.multiply(BigDecimal.valueOf(seconds)).movePointRight(9).longValue());
        return future ? now.plus(offset) : now.minus(offset);
    }

    private static ZonedDateTime timestamp(String t, ZoneId zone) {
        Instant instant = t.length() == 13 ? Instant.ofEpochMilli(Long.parseLong(t))
                : Instant.ofEpochSecond(Long.parseLong(t.substring(0, 10)));
        return instant.atZone(zone);
    }

    private static Optional<ZonedDateTime> absolute(String written, ZoneId zone) {
        // ISO 8601 allows a space between the date and the time.
        String text = written.replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) ", "$1T");
        try {
            return Optional.of(OffsetDateTime.parse(text).toZonedDateTime());
        } catch (DateTimeParseException notOffset) {
            // no offset: a local time, or a date
        }
        try {
            return Optional.of(LocalDateTime.parse(text).atZone(zone));
        } catch (DateTimeParseException notLocal) {
            // a date alone, or nothing
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay(zone));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
