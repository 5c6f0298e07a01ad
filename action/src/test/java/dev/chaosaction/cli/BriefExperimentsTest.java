package dev.chaosaction.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chaosaction.value.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product brief's two experiments, pasted as they are ({@code examples/brief-*.json}, byte for byte the
 * shared seeds), validated and run against the sandbox's simulated ML service.
 */
@Timeout(120)
class BriefExperimentsTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    @TempDir
    Path dir;
    private final Console console = new Console();

    private int chaos(String... args) {
        return console.chaos(args);
    }

    private String errors() {
        return console.errors();
    }

    private static String example(int n) {
        return EXAMPLES.resolve(n == 1 ? "brief-1-health-probe.json" : "brief-2-kill-pod.json").toString();
    }

    private static Map<?, ?> read(Path journal) throws Exception {
        return (Map<?, ?>) Json.parse(Files.readString(journal));
    }

    @Test
    void theExamplesAreTheSharedSeedsByteForByte() throws Exception {
        Path seeds = Stream.of(Path.of("/work/shared/seed-experiments"), Path.of("..", "..", "shared", "seed-experiments"),
                        Path.of("..", "..", "..", "shared", "seed-experiments"))
                .filter(Files::isDirectory).findFirst().orElse(null);
        assumeTrue(seeds != null, "the shared seed experiments are not on this machine");
        assertArrayEquals(Files.readAllBytes(seeds.resolve("1-health-probe.json")),
                Files.readAllBytes(Path.of(example(1))));
        assertArrayEquals(Files.readAllBytes(seeds.resolve("2-kill-pod.json")),
                Files.readAllBytes(Path.of(example(2))));
    }

    @Test
    void killPodTerminatesOneMlServicePodAndTheSteadyStateHolds() throws Exception {
        Path journal = dir.resolve("journal.json");
        int code = chaos("sandbox", "--recreate-delay", "0.5", "--journal-path", journal.toString(), example(2));
        assertEquals(0, code, errors());
        Map<?, ?> j = read(journal);
        assertEquals("completed", j.get("status"));
        List<?> terminated = (List<?>) ((Map<?, ?>) ((List<?>) j.get("run")).getFirst()).get("output");
        assertEquals(1, terminated.size(), terminated::toString);
        assertTrue(((String) terminated.getFirst()).startsWith("ml-service-"), terminated::toString);
        Map<?, ?> after = (Map<?, ?>) ((Map<?, ?>) j.get("steady_states")).get("after");
        assertEquals(Boolean.TRUE, after.get("steady_state_met"));
        // The dialect's implied tolerance is journaled, and so is the notice.
        Map<?, ?> probe = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((Map<?, ?>) j.get("experiment"))
                .get("steady-state-hypothesis")).get("probes")).getFirst();
        assertEquals(Boolean.TRUE, probe.get("tolerance"));
        List<?> warnings = (List<?>) ((Map<?, ?>) j.get("chaos-action")).get("warnings");
        assertTrue(warnings.getFirst().toString().contains("must be true"), warnings::toString);
        assertTrue(errors().contains("warning: /steady-state-hypothesis/probes/0: probe 'node_available'"), errors());
        assertTrue(errors().contains("routed"), errors());
    }

    @Test
    void healthProbeReachesTheMlServiceButItsToleranceCanNeverPass() throws Exception {
        Path journal = dir.resolve("journal.json");
        chaos("sandbox", "--journal-path", journal.toString(), example(1));
        Map<?, ?> j = read(journal);
        Map<?, ?> before = (Map<?, ?>) ((Map<?, ?>) j.get("steady_states")).get("before");
        assertEquals(Boolean.FALSE, before.get("steady_state_met"));
        Map<?, ?> probe = (Map<?, ?>) ((List<?>) before.get("probes")).getFirst();
        assertEquals("succeeded", probe.get("status"), probe::toString); // the service answered...
        Map<?, ?> output = (Map<?, ?>) probe.get("output");
        assertEquals(200L, ((Number) output.get("status")).longValue());
        assertEquals("UP", ((Map<?, ?>) output.get("body")).get("status")); // ...UP, in the body
        List<?> warnings = (List<?>) ((Map<?, ?>) j.get("chaos-action")).get("warnings");
        assertTrue(warnings.getFirst().toString().contains("\"target\": \"body\""), warnings::toString);
        assertTrue(errors().contains("'$.body.status'"), errors());
    }

    @Test
    void validateWarnsAboutTheHealthProbeAndAcceptsTheDialectProbe() {
        assertEquals(0, chaos("validate", example(1)), errors());
        assertTrue(errors().contains("warning: /steady-state-hypothesis/probes/0/tolerance: the jsonpath '$.status'"),
                errors());
        assertEquals(0, chaos("validate", example(2)), errors());
        assertTrue(errors().contains("returns a boolean"), errors());
    }

    @Test
    void aPythonProbeWithoutToleranceIsInvalidAsInChaosToolkitWithTheFix() throws Exception {
        String python = Files.readString(Path.of(example(2))).replace("\"type\": \"kubernetes\"", "\"type\": \"python\"");
        Path file = Files.writeString(dir.resolve("python.json"), python);
        assertEquals(1, chaos("validate", file.toString()), errors());
        assertTrue(errors().contains("/steady-state-hypothesis/probes/0: hypothesis probe must have a tolerance entry;"
                + " add one, e.g. \"tolerance\": true"), errors());
    }

    @Test
    void aDialectProbeWhoseFunctionIsNotBooleanStillNeedsATolerance() throws Exception {
        String counting = Files.readString(Path.of(example(2)))
                .replace("\"func\": \"node_is_ready\"", "\"func\": \"count_pods\"")
                .replace("\"chaosk8s.probes\"", "\"chaosk8s.pod.probes\"")
                .replace("\"name\": \"ml-service-node\"", "\"label_selector\": \"app=ml-service\"");
        Path file = Files.writeString(dir.resolve("count.json"), counting);
        assertEquals(1, chaos("validate", file.toString()), errors());
        assertTrue(errors().contains("hypothesis probe must have a tolerance entry"), errors());
    }
}
