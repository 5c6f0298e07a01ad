package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chaosaction.experiment.Dry;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.RunItem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics record of a run, and pods counted from terminate_pods outputs. */
class MetricsTest {
    private static final Instant START = Instant.parse("2024-05-07T10:00:00Z");

    private static RunItem item(String module, String func, String status, Object output) {
        RunItem item = new RunItem(Map.of("type", "action", "name", func,
                "provider", Map.of("type", "python", "module", module, "func", func)), START);
        if ("succeeded".equals(status)) item.succeeded(output, START.plusSeconds(1));
        if ("failed".equals(status)) item.failed("no pods", START.plusSeconds(1));
        return item;
    }

    private static Journal journal() {
        Journal journal = new Journal("r-1", Map.of("title", "t"), START);
        journal.addRun(item("chaosk8s.pod.actions", "terminate_pods", "succeeded", List.of("a", "b", "c")));
        journal.addRun(item("chaosk8s.pod.actions", "terminate_pods", "failed", null));
        journal.addRun(item("chaosk8s.pod.probes", "pods_in_phase", "succeeded", List.of("x")));
        journal.addRun(item("test.fn", "terminate_pods", "succeeded", List.of("y")));
        journal.addRollback(item("chaosk8s.pod.actions", "terminate_pods", "succeeded", List.of("d")));
        journal.status("failed", null);
        journal.deviated(true);
        journal.end(START.plusMillis(2500));
        return journal;
    }

    @Test
    void podsAreCountedFromTheNamesEachSucceededTerminatePodsReturned() {
        assertEquals(4, Metrics.podsTerminated(journal(), null));
        assertEquals(4, Metrics.podsTerminated(journal(), Dry.PROBES));
        assertEquals(0, Metrics.podsTerminated(journal(), Dry.ACTIONS));
    }

    @Test
    void oneEmbeddedMetricFormatRecordPerRun() {
        Map<String, Object> emf = Metrics.record(journal(), "kill-pods", null, START.plusSeconds(3));

        assertEquals(Map.of("Timestamp", START.plusSeconds(3).toEpochMilli(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", "ChaosAction", "Dimensions", List.of(List.of("Experiment")),
                "Metrics", List.of(Map.of("Name", "Runs", "Unit", "Count"), Map.of("Name", "NotHeld", "Unit", "Count"),
                        Map.of("Name", "Deviated", "Unit", "Count"),
                        Map.of("Name", "Failed", "Unit", "Count"), Map.of("Name", "Duration", "Unit", "Seconds"),
                        Map.of("Name", "PodsTerminated", "Unit", "Count"))),
                Map.of("Namespace", "ChaosAction", "Dimensions", List.of(List.of("Experiment", "Verdict")),
                        "Metrics", List.of(Map.of("Name", "Runs", "Unit", "Count"))))), emf.get("_aws"));
        assertEquals(List.of("kill-pods", "deviated", 1, 1, 1, 1, 2.5, 4L, "r-1", "failed"), List.of(emf.get("Experiment"),
                emf.get("Verdict"), emf.get("Runs"), emf.get("NotHeld"), emf.get("Deviated"), emf.get("Failed"),
                emf.get("Duration"), emf.get("PodsTerminated"), emf.get("runId"), emf.get("status")));
    }
}
