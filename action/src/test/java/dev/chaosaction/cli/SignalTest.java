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
 * A real {@code chaos run} in a child JVM receives SIGTERM (or SIGINT) mid-method or during its rollbacks: the
 * run ends {@code interrupted}, rollbacks follow the strategy (a signal during them lets them finish, only a
 * second SIGINT stops them), and the journal is written.
 */
@Timeout(60)
class SignalTest {
    @TempDir
    Path dir;
    private final LocalServer server = new LocalServer()
            .reply("/slow", Reply.json(200, "{}").delayed(30_000))
            .reply("/slow-undo", Reply.json(200, "{}").delayed(30_000))
            .reply("/brief-undo", Reply.json(200, "{}").delayed(3_000))
            .reply("/undo", Reply.json(200, "{}"));

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<?, ?> runAndSignal(String signal, String strategy) throws Exception {
        Process child = start("""
                {"title": "t", "description": "d",
                 "method": [{"type": "probe", "name": "slow", "provider": {"type": "http", "url": "%s"}}],
                 "rollbacks": [{"type": "action", "name": "undo", "provider": {"type": "http", "url": "%s"}}]}"""
                .formatted(server.url("/slow"), server.url("/undo")), strategy);
        awaitCall(child, "/slow");
        signal(child, signal);
        return journalOnceOver(child);
    }

    /** Starts {@code chaos run} on the experiment in a child JVM. */
    private Process start(String experiment, String strategy) throws Exception {
        Path file = Files.writeString(dir.resolve("e.json"), experiment);
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Chaos.class.getName(), "run", "--rollback-strategy", strategy, "--journal-path", journal().toString(),
                file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
    }

    /** A probe calling {@code methodPath}, then two rollbacks: one calling {@code firstRollbackPath}, then /undo. */
    private Process startWithTwoRollbacks(String methodPath, String firstRollbackPath, String strategy)
            throws Exception {
        return start("""
                {"title": "t", "description": "d",
                 "method": [{"type": "probe", "name": "m", "provider": {"type": "http", "url": "%s"}}],
                 "rollbacks": [{"type": "action", "name": "first", "provider": {"type": "http", "url": "%s"}},
                               {"type": "action", "name": "undo", "provider": {"type": "http", "url": "%s"}}]}"""
                .formatted(server.url(methodPath), server.url(firstRollbackPath), server.url("/undo")), strategy);
    }

    private void awaitCall(Process child, String path) throws InterruptedException {
        while (server.calls(path) == 0) {
            assertTrue(child.isAlive(), () -> "the run ended early: " + log());
            Thread.sleep(20);
        }
    }

    private static void signal(Process child, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor();
    }

    private Map<?, ?> journalOnceOver(Process child) throws Exception {
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the run ends after the signal");
        assertEquals(1, child.exitValue(), log());
        return (Map<?, ?>) Json.parse(Files.readString(journal()));
    }

    private Path journal() {
        return dir.resolve("journal.json");
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
    void sigtermDuringTheRollbacksLetsThemFinish() throws Exception {
        Process child = startWithTwoRollbacks("/undo", "/brief-undo", "default");
        awaitCall(child, "/brief-undo");
        signal(child, "TERM");

        Map<?, ?> journal = journalOnceOver(child);
        assertEquals("interrupted", journal.get("status"));
        assertEquals(List.of("succeeded", "succeeded"), ((List<?>) journal.get("rollbacks")).stream()
                .map(r -> ((Map<?, ?>) r).get("status")).toList());
        assertEquals(2, server.calls("/undo"), "the method's probe, then the second rollback");
    }

    @Test
    void aSigtermAfterTheSigintOfTheSameCancellationLetsTheRollbacksFinish() throws Exception {
        Process child = startWithTwoRollbacks("/slow", "/brief-undo", "always");
        awaitCall(child, "/slow");
        signal(child, "INT");
        awaitCall(child, "/brief-undo");
        signal(child, "TERM");

        Map<?, ?> journal = journalOnceOver(child);
        assertEquals("SIGINT", ((Map<?, ?>) journal.get("chaos-action")).get("reason"));
        assertEquals("interrupted", ((Map<?, ?>) journal.get("chaos-action")).get("verdict"));
        assertEquals(List.of("succeeded", "succeeded"), ((List<?>) journal.get("rollbacks")).stream()
                .map(r -> ((Map<?, ?>) r).get("status")).toList());
        assertTrue(log().contains("Verdict: interrupted - the run was interrupted: SIGINT"), log());
    }

    @Test
    void aSecondSigintStopsTheRollbacks() throws Exception {
        Process child = startWithTwoRollbacks("/slow", "/slow-undo", "always");
        awaitCall(child, "/slow");
        signal(child, "INT");
        awaitCall(child, "/slow-undo");
        signal(child, "INT");

        Map<?, ?> journal = journalOnceOver(child);
        assertEquals("interrupted", journal.get("status"));
        List<?> rollbacks = (List<?>) journal.get("rollbacks");
        assertEquals(1, rollbacks.size());
        assertNull(((Map<?, ?>) rollbacks.getFirst()).get("status"), "the stopped rollback keeps no status");
        assertEquals(0, server.calls("/undo"));
    }

    @Test
    void sigintInterruptsToo() throws Exception {
        Map<?, ?> journal = runAndSignal("INT", "always");
        assertEquals("interrupted", journal.get("status"));
        assertEquals("SIGINT", ((Map<?, ?>) journal.get("chaos-action")).get("reason"));
        assertEquals(1, server.calls("/undo"));
    }
}
