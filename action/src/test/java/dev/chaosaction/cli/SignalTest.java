package dev.chaosaction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.LocalServer.Reply;
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
 * A real {@code chaos run} in a child JVM receives SIGTERM (or SIGINT) mid-method: the run ends
 * {@code interrupted}, rollbacks follow the strategy, and the journal is written.
 */
@Timeout(60)
class SignalTest {
    @TempDir
    Path dir;
    private final LocalServer server = new LocalServer()
            .reply("/slow", Reply.json(200, "{}").delayed(30_000))
            .reply("/undo", Reply.json(200, "{}"));

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<?, ?> runAndSignal(String signal, String strategy) throws Exception {
        Path experiment = Files.writeString(dir.resolve("e.json"), """
                {"title": "t", "description": "d",
                 "method": [{"type": "probe", "name": "slow", "provider": {"type": "http", "url": "%s"}}],
                 "rollbacks": [{"type": "action", "name": "undo", "provider": {"type": "http", "url": "%s"}}]}"""
                .formatted(server.url("/slow"), server.url("/undo")));
        Path journal = dir.resolve("journal.json");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Chaos.class.getName(), "run", "--rollback-strategy", strategy, "--journal-path", journal.toString(),
                experiment.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        while (server.calls("/slow") == 0) {
            assertTrue(child.isAlive(), () -> "the run ended early: " + log());
            Thread.sleep(20);
        }
        new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the run ends after the signal");
        assertEquals(1, child.exitValue(), log());
        return (Map<?, ?>) Json.parse(Files.readString(journal));
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("out.log"));
        } catch (Exception e) {
            return "";
        }
    }

    @Test
    void sigtermInterruptsAndDefaultSkipsRollbacks() throws Exception {
        Map<?, ?> journal = runAndSignal("TERM", "default");
        assertEquals("interrupted", journal.get("status"));
        assertEquals(List.of(), journal.get("rollbacks"));
        assertEquals(0, server.calls("/undo"));
        Map<?, ?> item = (Map<?, ?>) ((List<?>) journal.get("run")).getFirst();
        assertNull(item.get("status"), "the interrupted probe keeps no status");
        assertEquals("SIGTERM", ((Map<?, ?>) journal.get("chaos-action")).get("reason"));
    }

    @Test
    void sigtermWithAlwaysPlaysRollbacks() throws Exception {
        Map<?, ?> journal = runAndSignal("TERM", "always");
        assertEquals("interrupted", journal.get("status"));
        assertEquals(1, server.calls("/undo"));
        assertEquals("succeeded", ((Map<?, ?>) ((List<?>) journal.get("rollbacks")).getFirst()).get("status"));
    }

    @Test
    void sigintInterruptsToo() throws Exception {
        Map<?, ?> journal = runAndSignal("INT", "always");
        assertEquals("interrupted", journal.get("status"));
        assertEquals("SIGINT", ((Map<?, ?>) journal.get("chaos-action")).get("reason"));
        assertEquals(1, server.calls("/undo"));
    }
}
