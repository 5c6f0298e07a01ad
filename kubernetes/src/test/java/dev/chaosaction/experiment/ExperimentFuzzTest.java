package dev.chaosaction.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.chaosaction.config.Overrides;
import dev.chaosaction.kubernetes.Kubernetes;
import dev.chaosaction.run.Engine;
import dev.chaosaction.run.EngineOptions;
import dev.chaosaction.run.Prepared;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of what a user's experiment file goes through before anything runs: the loader
 * (each input read as JSON and as YAML) and {@link Engine#prepare} with validation. The only exception allowed
 * out is {@link InvalidExperimentException}, and each of its problems must say something; any other exception,
 * error or stack overflow is a finding, and an input that takes longer than the timeout is a hang.
 *
 * <p>Without {@code JAZZER_FUZZ=1} this runs the seeds (real experiments, in {@code ExperimentFuzzTestInputs})
 * and any earlier finding as regression cases; with it, it fuzzes for {@code maxDuration}.
 */
class ExperimentFuzzTest {
    /** No cluster is reached: the Kubernetes library connects only when a function runs, and nothing runs. */
    private static final Engine ENGINE = new Engine(EngineOptions.of(
            Map.of("PATH", "/usr/bin:/bin", "HOME", "/tmp", "CHAOS_ADMIN_TOKEN", "fuzz-token"),
            List.of(Kubernetes.libraryFactory())));

    private static final Duration PER_INPUT = Duration.ofSeconds(10);
    private static final AtomicBoolean WARM = new AtomicBoolean();

    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({"\"method\"", "\"steady-state-hypothesis\"", "\"rollbacks\"", "\"provider\"", "\"probes\"",
            "\"tolerance\"", "\"type\"", "\"probe\"", "\"action\"", "\"http\"", "\"process\"", "\"python\"",
            "\"configuration\"", "\"secrets\"", "\"env\"", "\"key\"", "\"ref\"", "\"pauses\"", "\"runtime\"",
            "\"regex\"", "\"jsonpath\"", "\"range\"", "\"pattern\"", "\"arguments\"", "\"module\"", "\"func\"",
            "\"controls\"", "${", "&a ", "*a", "!!", "<<: "})
    void loadAndPrepare(byte[] input) throws Exception {
        // Loading (and, when fuzzing, instrumenting) the parsers' and the engine's classes is no input's time.
        if (WARM.compareAndSet(false, true)) check(Files.readString(seeds().resolve("health-check.json")));
        String text = new String(input, StandardCharsets.UTF_8);
        // Per input, not JUnit's @Timeout: in fuzzing mode that one would time the whole fuzzing session.
        assertTimeoutPreemptively(PER_INPUT, () -> check(text));
    }

    /** Loaded and prepared, or refused as invalid with something to say: nothing else may come out. */
    private static void check(String text) {
        for (ExperimentLoader.Format format : ExperimentLoader.Format.values()) {
            try {
                ENGINE.prepare(ExperimentLoader.parse(text, format), Overrides.NONE, true);
            } catch (InvalidExperimentException e) {
                e.problems().forEach(p -> assertFalse(p.message().isBlank(), p.path()));
            }
        }
    }

    private static Path seeds() throws Exception {
        return Path.of(ExperimentFuzzTest.class.getResource("ExperimentFuzzTestInputs/loadAndPrepare").toURI());
    }

    /** The seeds are worth their name only if they get past validation: every one is a valid experiment. */
    @Test
    void everySeedIsAValidExperiment() throws Exception {
        try (Stream<Path> files = Files.list(seeds())) {
            // Jazzer's findings land beside the seeds (crash-..., timeout-...) and stay as regression cases.
            List<Path> all = files.filter(f -> !f.getFileName().toString().matches("(crash|timeout|slow-unit)-.*"))
                    .sorted().toList();
            assertEquals(8, all.size());
            for (Path seed : all) {
                Prepared prepared = ENGINE.prepare(ExperimentLoader.load(seed), Overrides.NONE, true);
                assertFalse(prepared.title().isEmpty(), seed.toString());
            }
        }
    }
}
