package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.journal.S3TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of everything an invocation does before it claims a lock and runs: the payload parser,
 * the experiment it names (inline, or fetched from a real S3-compatible server) and the engine's validation.
 * Bad input must be answered as {@link InvalidExperimentException} (the {@code invalid} response), with a path
 * into the payload; any other exception, error or an input that takes longer than the timeout is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ=1} this runs the seeds in {@code PayloadFuzzTestInputs} (real payload shapes)
 * and any earlier finding as regression cases; with it, it fuzzes for {@code maxDuration}.
 */
class PayloadFuzzTest {
    private static final Duration PER_INPUT = Duration.ofSeconds(10);
    private static final String BUCKET = "experiments";
    private static final S3TestServer S3 = new S3TestServer().bucket(BUCKET);
    private static final ChaosFunction FUNCTION = function();
    private static final AtomicBoolean WARM = new AtomicBoolean();
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");

    /** The function as Lambda runs it (its providers, its libraries), with experiments kept on the test server. */
    private static ChaosFunction function() {
        try {
            S3.put(BUCKET, "health-check.json", Files.readString(seeds().resolve("health-check.json")));
            S3.put(BUCKET, "scale-web.yaml", """
                    title: Scaling web down keeps the shop up
                    description: from S3, in YAML
                    method:
                      - type: action
                        name: scale-web-down
                        provider: {type: python, module: chaosk8s.deployment.actions, func: scale_deployment,
                                   arguments: {name: web, replicas: 1, ns: shop}}
                    """);
            Path journals = Files.createTempDirectory("payload-fuzz");
            FunctionConfig config = FunctionConfig.fromEnv(Map.of(FunctionConfig.JOURNAL_DIR, journals.toString()));
            return new ChaosFunction(config, ChaosFunction.libraries(config.policy().egress()), S3::client);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        S3.close();
    }

    private static Path seeds() {
        try {
            return Path.of(PayloadFuzzTest.class.getResource("PayloadFuzzTestInputs/ready").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({"\"experiment\"", "\"method\"", "\"detail-type\"", "\"detail\"", "\"settings\"",
            "\"configuration\"", "\"runId\"", "\"scheduleArn\"", "\"scheduledTime\"", "\"resources\"", "\"time\"",
            "\"Scheduled Event\"", "\"dry\"", "\"rollbackStrategy\"", "\"hypothesisStrategy\"",
            "\"hypothesisFrequency\"", "\"failFast\"", "\"s3://experiments/\"", "<aws.scheduler.", "\"provider\"",
            "\"type\"", "\"probe\"", "\"action\"", "\"http\"", "\"python\"", "\"tolerance\""})
    void ready(byte[] payload) throws IOException {
        // Loading (and, when fuzzing, instrumenting) the SDK's, parsers' and engine's classes is no input's time.
        if (WARM.compareAndSet(false, true)) check(Files.readAllBytes(seeds().resolve("s3-yaml-reference.json")));
        // Per input, not JUnit's @Timeout: in fuzzing mode that one would time the whole fuzzing session.
        assertTimeoutPreemptively(PER_INPUT, () -> check(payload));
    }

    /** Answered or refused as {@code invalid} with something to say: nothing else may come out. */
    private static void check(byte[] payload) {
        // The test server is ours: requests to it are the point, not a forgery (the permission is per thread).
        // The detector names the address as the socket has it: "127.0.0.1", or "localhost" once looked up.
        try (var s3 = BugDetectors.allowNetworkConnections((host, port) -> LOOPBACK.contains(host)
                && port == S3.endpoint().getPort())) {
            FUNCTION.ready(payload);
        } catch (InvalidExperimentException e) {
            e.problems().forEach(p -> assertFalse(p.message().isBlank(), p.path()));
        }
    }

    /** Every seed is a payload the function accepts, so fuzzing starts from inputs that reach validation's end. */
    @Test
    void everySeedIsAValidPayload() throws Exception {
        try (Stream<Path> files = Files.list(seeds())) {
            // Jazzer's findings land beside the seeds (crash-..., timeout-...) and stay as regression cases.
            List<Path> all = files.filter(f -> !f.getFileName().toString().matches("(crash|timeout|slow-unit)-.*"))
                    .sorted().toList();
            assertEquals(7, all.size());
            for (Path seed : all) {
                assertFalse(FUNCTION.ready(Files.readAllBytes(seed)).prepared().title().isEmpty(), seed.toString());
            }
        }
    }
}
