package dev.chaosaction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.aws.s3.S3Clients;
import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.safety.KillSwitches;
import dev.chaosaction.value.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chaos run} in its own JVM, with {@code CHAOS_KILL_SWITCH} and AWS credentials in its environment as a
 * CI job would set them, against a real S3-compatible server.
 */
@Timeout(120)
class KillSwitchTest {
    @TempDir
    Path dir;
    private final S3TestServer s3 = new S3TestServer().bucket("ops");

    @AfterEach
    void stop() {
        s3.close();
    }

    private record Run(int exitCode, String console, Map<?, ?> journal) {}

    private Run chaos() throws Exception {
        Path experiment = Files.writeString(dir.resolve("e.json"), """
                {"title": "t", "description": "d",
                 "method": [{"type": "action", "name": "break", "provider": {"type": "process", "path": "touch",
                   "arguments": ["%s"]}}],
                 "rollbacks": [{"type": "action", "name": "undo", "provider": {"type": "process", "path": "touch",
                   "arguments": ["%s"]}}]}""".formatted(dir.resolve("broken"), dir.resolve("undone")));
        Path journal = dir.resolve("journal.json");
        var credentials = S3TestServer.CREDENTIALS.resolveCredentials();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Chaos.class.getName(), "run", "--journal-path",
                journal.toString(), experiment.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        builder.environment().putAll(Map.of(KillSwitches.ENV, "s3://ops/chaos/stop", S3Clients.ENDPOINT,
                s3.endpoint().toString(), "AWS_ACCESS_KEY_ID", credentials.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey(), "AWS_REGION", "eu-west-1"));
        Process child = builder.start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the run ends");
        return new Run(child.exitValue(), Files.readString(dir.resolve("console.log")),
                (Map<?, ?>) Json.parse(Files.readString(journal)));
    }

    @Test
    void anEngagedSwitchStopsTheRunBeforeItTouchesAnythingAndTheJournalSaysWhy() throws Exception {
        s3.put("ops", "chaos/stop", "change freeze");

        Run run = chaos();

        String reason = "not started: kill switch s3://ops/chaos/stop is engaged (the object exists)";
        assertEquals(1, run.exitCode(), run.console());
        assertEquals("aborted", run.journal().get("status"));
        assertEquals(reason, ((Map<?, ?>) run.journal().get("chaos-action")).get("reason"));
        assertEquals(List.of(), run.journal().get("run"));
        assertTrue(run.console().contains("Experiment ended with status: aborted - " + reason), run.console());
        assertFalse(Files.exists(dir.resolve("broken")));
        assertFalse(Files.exists(dir.resolve("undone")));
    }

    @Test
    void withTheSwitchAbsentTheRunGoesAhead() throws Exception {
        Run run = chaos();

        assertEquals(0, run.exitCode(), run.console());
        assertEquals("completed", run.journal().get("status"));
        assertTrue(Files.exists(dir.resolve("broken")));
    }
}
