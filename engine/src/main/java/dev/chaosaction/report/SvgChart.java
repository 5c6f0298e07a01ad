package dev.chaosaction.report;

import static dev.chaosaction.report.HtmlRenderer.escape;
import static dev.chaosaction.report.Series.number;

import dev.chaosaction.report.Block.Chart;
import dev.chaosaction.report.Block.Window;
import dev.chaosaction.report.Series.Band;
import dev.chaosaction.report.Series.Phase;
import dev.chaosaction.report.Series.Point;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A chart as inline SVG: the values over seconds since the run started, coloured by phase, ringed red where the
 * hypothesis found them out of tolerance, over the tolerance's band (green) and the method's span (red, when
 * the faults were in). Its title and description say the same in words, and a table below holds every value,
 * for readers that do not see the drawing. Colours come from the page's classes ({@link HtmlRenderer}).
 */
final class SvgChart {
    /** A long continuous hypothesis is thinned to this many points; the table and the journal keep them all. */
    static final int MAX_POINTS = 500;
    private static final int WIDTH = 720;
    private static final int HEIGHT = 260;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 30;
    private static final int BOTTOM = 44;
    private static final int TICKS = 5;

    private final Chart chart;
    private final Series series;
    private final String id;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private final double yStep;

    private SvgChart(Chart chart, String id) {
        this.chart = chart;
        this.series = chart.series();
        this.id = id;
        xMax = chart.span() > 0 ? chart.span() : 1;
        Band band = series.band();
        double low = band == null ? series.min() : Math.min(series.min(), band.low());
        double high = band == null ? series.max() : Math.max(series.max(), band.high());
        if (high == low) {
            double pad = low == 0 ? 1 : Math.abs(low) * 0.1;
            low -= pad;
            high += pad;
        }
        yStep = step(high - low, TICKS);
        yMin = Math.floor(low / yStep) * yStep;
        yMax = Math.ceil(high / yStep) * yStep;
    }

    /** The figure: its caption, the drawing, then the table of values; {@code id} is unique within the page. */
    static String render(Chart chart, String id) {
        return new SvgChart(chart, id).figure();
    }

    private String figure() {
        String label = escape(series.label());
        return "<figure class=\"chart\">\n<figcaption>" + label + "</figcaption>\n"
                + "<svg class=\"chart-svg\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
                + WIDTH + " " + HEIGHT + "\" width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\" role=\"img\""
                + " aria-labelledby=\"" + id + "-title " + id + "-desc\">\n"
                + "<title id=\"" + id + "-title\">" + label + " over the run</title>\n"
                + "<desc id=\"" + id + "-desc\">" + escape(description()) + "</desc>\n"
                + plot() + "</svg>\n" + table() + "</figure>\n";
    }

    private String description() {
        List<String> parts = new ArrayList<>();
        parts.add(series.points().size() + (series.points().size() == 1 ? " value" : " values") + " from "
                + number(series.min()) + " to " + number(series.max()) + " over " + number(chart.span()) + " s");
        Band band = series.band();
        if (band != null) {
            parts.add(band.low() == band.high() ? "the tolerance expects " + number(band.low())
                    : "the tolerance allows " + number(band.low()) + " to " + number(band.high()));
        }
        if (series.missed() > 0) parts.add(series.missed() + " out of tolerance");
        Window method = chart.method();
        if (method != null) {
            parts.add("the method (faults) ran from " + number(method.from()) + " s to " + number(method.to()) + " s");
        }
        return String.join("; ", parts) + ".";
    }

    private String plot() {
        StringBuilder svg = new StringBuilder();
        svg.append(rect("plot", LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        Window method = chart.method();
        if (method != null) {
            double from = x(method.from());
            svg.append(rect("fault", from, TOP, Math.max(1, x(method.to()) - from), HEIGHT - TOP - BOTTOM));
        }
        Band band = series.band();
        boolean exact = band != null && band.low() == band.high();
        if (band != null && !exact) {
            svg.append(rect("band", LEFT, y(band.high()), WIDTH - LEFT - RIGHT, y(band.low()) - y(band.high())));
        }
        svg.append(axes());
        if (exact) svg.append(line("band-line", LEFT, y(band.low()), WIDTH - RIGHT, y(band.low())));
        List<Point> points = series.thinned(MAX_POINTS).points();
        svg.append("<polyline class=\"line\" points=\"")
                .append(points.stream().map(p -> coordinate(x(p.at())) + "," + coordinate(y(p.value())))
                        .collect(Collectors.joining(" ")))
                .append("\"/>\n");
        for (Point p : points) {
            svg.append("<circle class=\"point ").append(p.phase().label())
                    .append(Boolean.FALSE.equals(p.met()) ? " miss" : "")
                    .append("\" cx=\"").append(coordinate(x(p.at())))
                    .append("\" cy=\"").append(coordinate(y(p.value()))).append("\" r=\"4\"><title>")
                    .append(p.phase().label()).append(" at ").append(number(p.at())).append(" s: ")
                    .append(number(p.value())).append(Boolean.FALSE.equals(p.met()) ? " (out of tolerance)" : "")
                    .append("</title></circle>\n");
        }
        return svg.append(legend(points)).toString();
    }

    private String axes() {
        StringBuilder svg = new StringBuilder();
        for (double v = yMin; v <= yMax + yStep / 2; v += yStep) {
            svg.append(line("grid", LEFT, y(v), WIDTH - RIGHT, y(v)));
            svg.append(text("tick", LEFT - 6, y(v) + 4, "end", number(v)));
        }
        double xStep = step(xMax, 6);
        for (double s = 0; s <= xMax + xStep / 100; s += xStep) {
            svg.append(text("tick", x(s), HEIGHT - BOTTOM + 16, "middle", number(s)));
        }
        svg.append(text("axis", LEFT + (WIDTH - LEFT - RIGHT) / 2.0, HEIGHT - 8, "middle",
                "seconds since the run started"));
        return svg.toString();
    }

    /** What the marks mean, for those present: phases, the red ring, the band, the method's span. */
    private String legend(List<Point> points) {
        Set<Phase> phases = EnumSet.noneOf(Phase.class);
        points.forEach(p -> phases.add(p.phase()));
        StringBuilder svg = new StringBuilder("<g class=\"legend\">\n");
        double at = LEFT;
        for (Phase phase : phases) {
            svg.append("<circle class=\"point ").append(phase.label()).append("\" cx=\"").append(coordinate(at + 4))
                    .append("\" cy=\"14\" r=\"4\"/>\n").append(text("key", at + 12, 18, "start", phase.label()));
            at += 20 + phase.label().length() * 7;
        }
        if (series.missed() > 0) at = key(svg, at, "<circle class=\"point miss\" cx=\"" + coordinate(at + 4)
                + "\" cy=\"14\" r=\"4\"/>\n", "out of tolerance");
        Band band = series.band();
        if (band != null) {
            at = key(svg, at, band.low() == band.high() ? line("band-line", at, 14, at + 12, 14)
                    : rect("band swatch", at, 8, 12, 12), "tolerance");
        }
        if (chart.method() != null) key(svg, at, rect("fault swatch", at, 8, 12, 12), "method (faults in)");
        return svg.append("</g>\n").toString();
    }

    private static double key(StringBuilder svg, double at, String mark, String label) {
        svg.append(mark).append(text("key", at + 16, 18, "start", label));
        return at + 26 + label.length() * 7;
    }

    private String table() {
        StringBuilder html = new StringBuilder("<details><summary>Values of " + escape(series.label())
                + "</summary>\n<table>\n<thead><tr><th>Seconds</th><th>When</th><th>Value</th>"
                + "<th>Within tolerance</th></tr></thead>\n<tbody>\n");
        for (Point p : series.points()) {
            html.append("<tr><td>").append(number(p.at())).append("</td><td>").append(p.phase().label())
                    .append("</td><td>").append(number(p.value())).append("</td><td>")
                    .append(p.met() == null ? "—" : p.met() ? "yes" : "no").append("</td></tr>\n");
        }
        return html.append("</tbody>\n</table>\n</details>\n").toString();
    }

    private double x(double seconds) {
        return LEFT + seconds / xMax * (WIDTH - LEFT - RIGHT);
    }

    private double y(double value) {
        return TOP + (yMax - value) / (yMax - yMin) * (HEIGHT - TOP - BOTTOM);
    }

    /** A round step (1, 2 or 5 times a power of ten) that cuts {@code range} into about {@code parts}. */
    static double step(double range, int parts) {
        double raw = range / parts;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double normal = raw / magnitude;
        return (normal <= 1 ? 1 : normal <= 2 ? 2 : normal <= 5 ? 5 : 10) * magnitude;
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String rect(String css, double x, double y, double width, double height) {
        return "<rect class=\"" + css + "\" x=\"" + coordinate(x) + "\" y=\"" + coordinate(y) + "\" width=\""
                + coordinate(width) + "\" height=\"" + coordinate(Math.max(height, 0)) + "\"/>\n";
    }

    private static String line(String css, double x1, double y1, double x2, double y2) {
        return "<line class=\"" + css + "\" x1=\"" + coordinate(x1) + "\" y1=\"" + coordinate(y1) + "\" x2=\""
                + coordinate(x2) + "\" y2=\"" + coordinate(y2) + "\"/>\n";
    }

    private static String text(String css, double x, double y, String anchor, String content) {
        return "<text class=\"" + css + "\" x=\"" + coordinate(x) + "\" y=\"" + coordinate(y) + "\" text-anchor=\""
                + anchor + "\">" + escape(content) + "</text>\n";
    }
}
