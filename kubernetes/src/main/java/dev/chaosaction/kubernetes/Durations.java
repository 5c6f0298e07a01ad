package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.ActivityFailed;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spans read_pod_logs accepts in {@code last}: "10 minutes", "1 hour ago", "30s". The extension hands
 * them to dateparser, which understands far more; these are the forms its documentation shows.
 */
final class Durations {
    private static final Pattern SPAN = Pattern.compile("(\\d+)\\s*([a-z]+)(\\s+ago)?");

    private Durations() {}

    static Duration parseSpan(String text) throws ActivityFailed {
        Matcher m = SPAN.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            Duration unit = unit(m.group(2));
            if (unit != null) return unit.multipliedBy(amount);
        }
        throw new ActivityFailed("read_pod_logs: cannot read last='" + text
                + "'; write a number and a unit, such as '10 minutes' or '2 hours'");
    }

    private static Duration unit(String word) {
        return switch (word) {
            case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(1);
            case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(1);
            case "h", "hr", "hrs", "hour", "hours" -> Duration.ofHours(1);
            case "d", "day", "days" -> Duration.ofDays(1);
            case "w", "week", "weeks" -> Duration.ofDays(7);
            default -> null;
        };
    }
}
