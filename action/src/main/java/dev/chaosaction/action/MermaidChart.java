package dev.chaosaction.action;

import static dev.chaosaction.report.Series.number;

import dev.chaosaction.report.Block.Chart;
import dev.chaosaction.report.Block.Window;
import dev.chaosaction.report.Series;
import dev.chaosaction.report.Series.Band;
import dev.chaosaction.report.Series.Point;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A chart as a Mermaid {@code xychart-beta} block, which GitHub draws in a step summary: the values as a line
 * over points labelled with their phase and second, and the tolerance's bounds as flat lines; the title says
 * the band, and the axis when the method's faults were in, which Mermaid cannot shade.
 *
 * <p>Probe names are the experiment author's: every label keeps only letters, digits, spaces and
 * {@code . , : / ( ) + = _ - ·}, so no quote, bracket, newline, backtick, {@code %%} or markup can end a string,
 * a statement or the code fence.
 */
final class MermaidChart {
    /** Mermaid draws one label per point on its x-axis: a longer series is thinned to this many. */
    static final int MAX_POINTS = 40;
    static final int MAX_LABEL = 80;
    /**
     * Wide enough for a title, low enough for ten charts in a summary, and the palette in the order the lines
     * come: the values blue, the tolerance's bounds green (the default palette starts with a lavender that
     * hardly shows on white).
     */
    static final String CONFIG = "%%{init: {\"xyChart\": {\"width\": 900, \"height\": 320}, "
            + "\"themeVariables\": {\"xyChart\": {\"plotColorPalette\": \"#1f77b4, #2e7d32, #2e7d32\"}}}}%%";
    private static final Pattern UNSAFE = Pattern.compile("[^\\p{L}\\p{N} .,:/()+=_·-]+");

    private MermaidChart() {}

    static String render(Chart chart) {
        Series series = chart.series().thinned(MAX_POINTS);
        List<String> lines = new ArrayList<>(List.of("```mermaid", CONFIG, "xychart-beta"));
        lines.add("    title \"" + label(series.probe())
                + (series.field().isEmpty() ? "" : " · " + label(series.field())) + notes(chart.series()) + "\"");
        Window method = chart.method();
        lines.add("    x-axis \"seconds since the run started" + (method == null ? ""
                : ", faults in from " + number(method.from()) + " to " + number(method.to()) + " s")
                + "\" [" + categories(series.points()) + "]");
        lines.add("    y-axis \"" + label(series.field().isEmpty() ? "value" : series.field()) + "\"");
        lines.add("    line [" + values(series.points().stream().map(Point::value).toList()) + "]");
        Band band = series.band();
        if (band != null) {
            lines.add("    line [" + values(series.points().stream().map(p -> band.high()).toList()) + "]");
            if (band.low() != band.high()) {
                lines.add("    line [" + values(series.points().stream().map(p -> band.low()).toList()) + "]");
            }
        }
        lines.add("```");
        return String.join("\n", lines) + "\n";
    }

    /** What the title adds to the label (only numbers and our words): the band and the misses. */
    private static String notes(Series series) {
        List<String> notes = new ArrayList<>();
        Band band = series.band();
        if (band != null) {
            notes.add(band.low() == band.high() ? "tolerance " + number(band.low())
                    : "tolerance " + number(band.low()) + " to " + number(band.high()));
        }
        if (series.missed() > 0) notes.add(series.missed() + " out of tolerance");
        return notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")";
    }

    /** Each point as its phase and second; Mermaid merges equal categories, so a repeat gets a number. */
    private static String categories(List<Point> points) {
        Set<String> seen = new HashSet<>();
        List<String> labels = new ArrayList<>();
        for (Point p : points) {
            String base = p.phase().label() + " " + number(p.at());
            String label = base;
            for (int n = 2; !seen.add(label); n++) label = base + " (" + n + ")";
            labels.add("\"" + label + "\"");
        }
        return String.join(", ", labels);
    }

    private static String values(List<Double> values) {
        return values.stream().map(Series::number).collect(Collectors.joining(", "));
    }

    /** Author text made safe inside a Mermaid string: anything outside the safe set becomes a space. */
    static String label(String text) {
        String safe = UNSAFE.matcher(text).replaceAll(" ").replaceAll("\\s+", " ").strip();
        if (safe.length() > MAX_LABEL) safe = safe.substring(0, MAX_LABEL - 1).strip() + "…";
        return safe.isEmpty() ? "probe" : safe;
    }
}
