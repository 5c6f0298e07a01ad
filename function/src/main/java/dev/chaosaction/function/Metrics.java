package dev.chaosaction.function;

import dev.chaosaction.experiment.Activities;
import dev.chaosaction.experiment.Dry;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.RunItem;
import dev.chaosaction.journal.Verdict;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One CloudWatch Embedded Metric Format record per run: CloudWatch turns the log line into the metrics
 * {@code Runs}, {@code NotHeld} (1 unless the verdict is {@code held}: the one to alarm on), {@code Deviated},
 * {@code Failed} (the run did not complete: failed, aborted or interrupted), {@code Duration} and
 * {@code PodsTerminated}, by experiment, and {@code Runs} by experiment and verdict (how often each verdict
 * came), in the namespace {@code ChaosAction}.
 */
final class Metrics {
    static final String NAMESPACE = "ChaosAction";
    private static final String TERMINATE_PODS = "terminate_pods";

    private Metrics() {}

    static Map<String, Object> record(Journal journal, String experiment, Dry dry, Instant now) {
        Map<String, Object> emf = new LinkedHashMap<>();
        emf.put("_aws", Map.of("Timestamp", now.toEpochMilli(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", NAMESPACE,
                "Dimensions", List.of(List.of("Experiment")),
                "Metrics", List.of(metric("Runs", "Count"), metric("NotHeld", "Count"), metric("Deviated", "Count"),
                        metric("Failed", "Count"), metric("Duration", "Seconds"), metric("PodsTerminated", "Count"))),
                Map.of("Namespace", NAMESPACE,
                        "Dimensions", List.of(List.of("Experiment", "Verdict")),
                        "Metrics", List.of(metric("Runs", "Count"))))));
        Verdict verdict = journal.verdict() == null ? Verdict.judge(journal.toMap()).verdict()
                : journal.verdict().verdict();
        emf.put("Experiment", experiment);
        emf.put("Verdict", verdict.value());
        emf.put("Runs", 1);
        emf.put("NotHeld", verdict == Verdict.HELD ? 0 : 1);
        emf.put("Deviated", journal.deviated() ? 1 : 0);
        emf.put("Failed", "completed".equals(journal.status()) ? 0 : 1);
        emf.put("Duration", journal.durationSeconds());
        emf.put("PodsTerminated", podsTerminated(journal, dry));
        emf.put("runId", journal.runId());
        emf.put("status", journal.status());
        return emf;
    }

    /**
     * The pods that {@code terminate_pods} activities deleted, from their outputs (the deleted pods' names).
     * A dry run that skips actions deleted none, whatever its outputs say would have been.
     */
    static long podsTerminated(Journal journal, Dry dry) {
        if (dry != null && dry.skips("action")) return 0;
        return Stream.concat(journal.run().stream(), journal.rollbacks().stream())
                .filter(item -> "succeeded".equals(item.status()) && terminatesPods(item))
                .mapToLong(item -> item.output() instanceof List<?> names ? names.size() : 0)
                .sum();
    }

    private static boolean terminatesPods(RunItem item) {
        Map<String, Object> provider = Activities.map(item.activity().get("provider"));
        return TERMINATE_PODS.equals(provider.get("func"))
                && provider.get("module") instanceof String module && module.startsWith("chaosk8s");
    }

    private static Map<String, String> metric(String name, String unit) {
        return Map.of("Name", name, "Unit", unit);
    }
}
