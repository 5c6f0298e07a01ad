package dev.chaosaction.report;

import static dev.chaosaction.experiment.Activities.list;
import static dev.chaosaction.experiment.Activities.map;

import dev.chaosaction.report.Block.Chart;
import dev.chaosaction.report.Block.Window;
import dev.chaosaction.report.Series.Band;
import dev.chaosaction.report.Series.Phase;
import dev.chaosaction.report.Series.Point;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The probe values a journal holds, as charts over the run: the steady-state hypothesis before, during (a
 * continuous hypothesis) and after the method, and the method's own probes. Every numeric field of an output
 * is a series (a nested one by its dotted path, {@code latency_ms.p99}); booleans, text and lists are not. A
 * tolerance that names numbers (a number, a {@code [low, high]} pair, a {@code range}) gives the series of the
 * field it checks its band. The series a tolerance judges come first; all charts share one time axis and the
 * method's span.
 */
public final class JournalSeries {
    /** How deep into an output's maps fields are looked for ({@code status_codes.503} is two deep). */
    static final int MAX_DEPTH = 3;

    private final Instant origin;
    private final Map<List<String>, List<Point>> points = new LinkedHashMap<>();
    private final Map<List<String>, Band> bands = new LinkedHashMap<>();

    private JournalSeries(Instant origin) {
        this.origin = origin;
    }

    /**
     * One chart per probe field that took a number: those a tolerance judges first, then the others, each group
     * in the order they first appear in the run.
     */
    public static List<Chart> charts(Map<String, Object> journal) {
        JournalSeries series = new JournalSeries(instant(journal.get("start")).orElse(Instant.EPOCH));
        Map<String, Object> states = map(journal.get("steady_states"));
        series.state(states.get("before"), Phase.BEFORE);
        for (Object during : list(states.get("during"))) series.state(during, Phase.DURING);
        for (Object item : list(journal.get("run"))) {
            if ("probe".equals(map(map(item).get("activity")).get("type"))) series.add(map(item), Phase.METHOD);
        }
        series.state(states.get("after"), Phase.AFTER);
        Window method = series.method(list(journal.get("run")));
        double span = series.span(journal, method);
        return series.points.keySet().stream().map(series::series)
                .filter(JournalSeries::telling)
                .sorted(Comparator.comparing(s -> s.band() == null))
                .map(s -> new Chart(s, method, span))
                .toList();
    }

    /**
     * The points of one probe field in time order. When the probe's tolerance judges another of its fields, these
     * points do not carry its verdict: a request count is not what missed an error-rate tolerance.
     */
    private Series series(List<String> key) {
        String probe = key.get(0);
        boolean judgedElsewhere = !bands.containsKey(key)
                && bands.keySet().stream().anyMatch(k -> k.get(0).equals(probe));
        List<Point> values = points.get(key).stream().sorted(Comparator.comparingDouble(Point::at))
                .map(p -> judgedElsewhere ? new Point(p.at(), p.value(), p.phase(), null) : p).toList();
        return new Series(probe, key.get(1), values, bands.get(key));
    }

    /**
     * A value a tolerance judges, or one that changed: a field that stayed the same and no tolerance looks at
     * (the request count of a load probe) would only bury the others; the tables still show it.
     */
    private static boolean telling(Series series) {
        return series.band() != null || series.min() != series.max();
    }

    private void state(Object state, Phase phase) {
        for (Object probe : list(map(state).get("probes"))) add(map(probe), phase);
    }

    private void add(Map<String, Object> item, Phase phase) {
        Optional<Instant> when = instant(item.get("end")).or(() -> instant(item.get("start")));
        if (when.isEmpty() || !"succeeded".equals(item.get("status"))) return;
        String probe = String.valueOf(map(item.get("activity")).get("name"));
        double at = seconds(origin, when.get());
        Boolean met = item.get("tolerance_met") instanceof Boolean b ? b : null;
        Object output = item.get("output");
        numbers("", output, 0, (field, value) -> points.computeIfAbsent(List.of(probe, field), k -> new ArrayList<>())
                .add(new Point(at, value, phase, met)));
        band(map(item.get("activity")).get("tolerance"), output)
                .ifPresent(b -> bands.putIfAbsent(List.of(probe, b.field()), b.band()));
    }

    private interface NumberSink {
        void accept(String field, double value);
    }

    private static void numbers(String path, Object value, int depth, NumberSink sink) {
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            sink.accept(path, n.doubleValue());
        } else if (value instanceof Map<?, ?> fields && depth < MAX_DEPTH) {
            fields.forEach((k, v) -> numbers(path.isEmpty() ? String.valueOf(k) : path + "." + k, v, depth + 1, sink));
        }
    }

    private record FieldBand(String field, Band band) {}

    /**
     * The band a tolerance accepts, as Chaos Toolkit judges it: a number is the value itself, or an HTTP or
     * process answer's {@code status}; a pair of numbers bounds a number (for a status it is a set, no band);
     * a {@code range} bounds its {@code target} field, or the value itself.
     */
    private static Optional<FieldBand> band(Object tolerance, Object output) {
        boolean answer = output instanceof Map<?, ?> m && m.containsKey("status");
        if (tolerance instanceof Number n) {
            return Optional.of(new FieldBand(answer ? "status" : "", new Band(n.doubleValue(), n.doubleValue())));
        }
        if (tolerance instanceof List<?> pair && !answer) {
            return bounds(pair).map(b -> new FieldBand("", b));
        }
        if (tolerance instanceof Map<?, ?> range && "range".equals(range.get("type"))) {
            String target = range.get("target") instanceof String t ? t : "";
            return bounds(range.get("range")).map(b -> new FieldBand(target, b));
        }
        return Optional.empty();
    }

    private static Optional<Band> bounds(Object pair) {
        if (pair instanceof List<?> two && two.size() == 2 && two.get(0) instanceof Number low
                && two.get(1) instanceof Number high) {
            return Optional.of(new Band(low.doubleValue(), high.doubleValue()));
        }
        return Optional.empty();
    }

    /** From the first method item's start to the last one's end: the faults were in between. */
    private Window method(List<Object> run) {
        List<Instant> starts = run.stream().flatMap(i -> instant(map(i).get("start")).stream()).toList();
        List<Instant> ends = run.stream().flatMap(i -> instant(map(i).get("end")).stream()).toList();
        if (starts.isEmpty()) return null;
        Instant from = starts.stream().min(Instant::compareTo).orElseThrow();
        Instant to = ends.stream().max(Instant::compareTo).orElse(from);
        return new Window(seconds(origin, from), seconds(origin, to));
    }

    private double span(Map<String, Object> journal, Window method) {
        double span = journal.get("duration") instanceof Number d ? d.doubleValue() : 0;
        if (method != null) span = Math.max(span, method.to());
        for (List<Point> values : points.values()) {
            for (Point p : values) span = Math.max(span, p.at());
        }
        return span;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    /** A journal time: ours and Chaos Toolkit's carry an offset; older Chaos Toolkit journals are UTC without. */
    private static Optional<Instant> instant(Object text) {
        if (!(text instanceof String s)) return Optional.empty();
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notEither) {
                return Optional.empty();
            }
        }
    }
}
