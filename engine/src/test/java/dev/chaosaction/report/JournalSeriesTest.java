package dev.chaosaction.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.report.Block.Chart;
import dev.chaosaction.report.Block.Window;
import dev.chaosaction.report.Series.Band;
import dev.chaosaction.report.Series.Phase;
import dev.chaosaction.report.Series.Point;
import dev.chaosaction.value.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JournalSeriesTest {
    private final List<Chart> charts = JournalSeries.charts(SampleJournals.podKill("service levels"));

    @Test
    void theSeriesATolerancJudgesComeFirstThenEveryFieldThatChanged() {
        assertEquals(List.of("checkout answers · status", "service levels · error_rate", "service levels · succeeded",
                        "service levels · errors", "service levels · latency_ms.mean", "service levels · latency_ms.p50",
                        "service levels · latency_ms.p95", "service levels · latency_ms.p99",
                        "service levels · latency_ms.max", "service levels · status_codes.200"),
                charts.stream().map(c -> c.series().label()).toList(),
                "constant fields (requests, throughput, duration_s, latency_ms.min), the one-off method probe, "
                        + "booleans, text and lists are not charted");
    }

    @Test
    void valuesCarryTheirPhaseTimeAndTheHypothesisVerdict() {
        Series errorRate = series("service levels · error_rate");

        assertEquals(List.of(new Point(1.2, 0.0, Phase.BEFORE, true), new Point(3.2, 0.0, Phase.DURING, true),
                new Point(5.2, 0.04, Phase.DURING, false), new Point(7.2, 0.02, Phase.DURING, false),
                new Point(9.2, 0.005, Phase.DURING, true), new Point(11.2, 0.0, Phase.AFTER, true)),
                errorRate.points());
        assertEquals(new Band(0, 0.01), errorRate.band(), "a range tolerance's target field gets its band");
        assertEquals(new Band(200, 200), series("checkout answers · status").band(),
                "a number tolerance on an HTTP answer is its status");
        assertNull(series("service levels · latency_ms.p99").band());
        assertTrue(series("service levels · latency_ms.p99").points().stream().allMatch(p -> p.met() == null),
                "the error-rate verdict is not the p99's");
        assertEquals(450, series("service levels · latency_ms.p99").max());
    }

    @Test
    void allChartsShareTheRunsSpanAndTheMethodsWindow() {
        assertTrue(charts.stream().allMatch(c -> c.span() == 12 && c.method().equals(new Window(2, 10))));
    }

    @Test
    void aNumberOrAPairOfNumbersBoundsANumericOutput() {
        assertEquals(Optional.of(new Band(1, 3)), band(List.of(1, 3), List.of(2, 2.5)));
        assertEquals(Optional.of(new Band(2, 2)), band(2, List.of(2, 5)));
        assertEquals(Optional.empty(), band(true, List.of(1, 0)), "a boolean tolerance has no band");
    }

    @Test
    void aJournalWithoutNumbersHasNoCharts() {
        assertTrue(JournalSeries.charts(Map.of("start", "2026-05-07T10:11:12+00:00", "run", List.of())).isEmpty());
        assertFalse(charts.isEmpty());
    }

    @Test
    void aChaosToolkitJournalWithoutOffsetsReadsAsUtc() {
        Map<String, Object> journal = journal(List.of(3, 4), null, "2026-05-07T10:11:12.000001", "2026-05-07T10:11:14");

        Series values = JournalSeries.charts(journal).get(0).series();

        assertEquals(List.of(0.0, 2.0), values.points().stream().map(p -> Math.round(p.at() * 1000) / 1000.0).toList());
    }

    private Series series(String label) {
        return charts.stream().map(Chart::series).filter(s -> s.label().equals(label)).findFirst().orElseThrow();
    }

    /** The band of a probe with {@code tolerance} returning each of {@code outputs} in turn before the method. */
    private static Optional<Band> band(Object tolerance, List<Object> outputs) {
        List<Chart> charts = JournalSeries.charts(journal(outputs, tolerance, "2026-05-07T10:11:12+00:00",
                "2026-05-07T10:11:13+00:00"));
        return charts.stream().findFirst().map(c -> c.series().band());
    }

    /** A Chaos Toolkit journal: one probe before the method, one after, each returning one of {@code outputs}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> journal(List<Object> outputs, Object tolerance, String first, String second) {
        String probe = "{\"activity\": {\"type\": \"probe\", \"name\": \"p\""
                + (tolerance == null ? "" : ", \"tolerance\": " + Json.write(tolerance)) + "}, \"status\": \"succeeded\"";
        return (Map<String, Object>) Json.parse("{\"start\": \"" + first + "\", \"steady_states\": {"
                + "\"before\": {\"probes\": [" + probe + ", \"output\": " + Json.write(outputs.get(0)) + ", \"end\": \""
                + first + "\"}]},"
                + "\"after\": {\"probes\": [" + probe + ", \"output\": " + Json.write(outputs.get(1)) + ", \"end\": \""
                + second + "\"}]}, \"during\": []}, \"run\": []}");
    }
}
