package dev.chaosaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.value.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The action cancelled as the GitHub runner cancels a step: SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after
 * that. The method is interrupted by the SIGINT; the rollbacks go on through the SIGTERM, and what a SIGKILL
 * cuts short is on disk up to the last activity, readable by a user other than the container's root.
 */
@Timeout(120)
class CancellationTest {
    private static final long SIGTERM_AFTER_MS = 7_500;
    private static final long SIGKILL_AFTER_MS = 2_500;

    @TempDir
    Path temp;

    private final LocalServer server = new LocalServer()
            .reply("/slow", Reply.json(200, "{}").delayed(60_000))
            .reply("/undo-4s", Reply.json(200, "{}").delayed(4_000))
            .reply("/undo-5s", Reply.json(200, "{}").delayed(5_000))
            .reply("/undo-60s", Reply.json(200, "{}").delayed(60_000));

    @BeforeEach
    void traversable() throws Exception {
        // The runner's user reads what the container wrote: every directory on the way must let it through.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void rollbacksGoOnThroughTheRunnersSigterm() throws Exception {
        ActionProcess action = new ActionProcess(temp);
        Process process = start(action, "/undo-5s");

        boolean killed = cancelLikeTheRunner(process, "/undo-5s");

        assertFalse(killed, "the rollbacks ended before the SIGKILL: " + action.stdoutSoFar());
        ActionProcess.Result result = action.finish(process);
        assertEquals(1, result.exitCode(), result.stdout());
        assertEquals("interrupted", result.outputs().get("verdict"));
        Map<?, ?> journal = journal(action);
        assertEquals("interrupted", journal.get("status"));
        assertEquals("SIGINT", ((Map<?, ?>) journal.get("chaos-action")).get("reason"),
                "the SIGTERM of the same cancellation changed nothing");
        assertEquals(List.of("succeeded", "succeeded"), statuses(journal.get("rollbacks")));
    }

    @Test
    void aSigkillLeavesTheJournalAsFarAsTheRunGot() throws Exception {
        ActionProcess action = new ActionProcess(temp);
        Process process = start(action, "/undo-60s");

        assertTrue(cancelLikeTheRunner(process, "/undo-60s"), "the last rollback outlives the sequence");

        Map<?, ?> journal = journal(action);
        assertEquals("interrupted", journal.get("status"), "the SIGINT's mark");
        assertFalse(journal.containsKey("end"), "written as the run went, never finished");
        assertNull(((Map<?, ?>) journal.get("chaos-action")).get("verdict"), "judged only at the end");
        List<?> run = (List<?>) journal.get("run");
        assertEquals(1, run.size());
        assertNull(((Map<?, ?>) run.getFirst()).get("status"), "the interrupted probe");
        assertTrue(((Map<?, ?>) run.getFirst()).containsKey("end"));
        List<?> rollbacks = (List<?>) journal.get("rollbacks");
        assertEquals(2, rollbacks.size(), "the first rollback ended, the second had started");
        assertEquals("succeeded", ((Map<?, ?>) rollbacks.getFirst()).get("status"));
        assertFalse(((Map<?, ?>) rollbacks.get(1)).containsKey("end"));
    }

    @Test
    void theJournalIsReadableByAnotherUser() throws Exception {
        ActionProcess action = new ActionProcess(temp);
        action.file("exp.json", """
                {"title": "t", "description": "d",
                 "method": [{"type": "probe", "name": "p", "provider": {"type": "process", "path": "true"}}]}""");
        ActionProcess.Result result = action.input("experiment", "exp.json").input("journal-path", "out/j.json")
                .input("fail-on", "never").run();
        assertEquals(0, result.exitCode(), result.stdout());
        Path journal = action.workspace().resolve("out/j.json");

        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(journal)));
        assumeTrue("root".equals(System.getProperty("user.name")) || "true".equals(System.getenv("CI")),
                "reading as another user needs root to switch to it");
        Process cat = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "cat",
                journal.toString()).redirectErrorStream(true).start();
        String read = new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, cat.waitFor(), read);
        assertEquals(Json.parse(Files.readString(journal)), Json.parse(read));
    }

    /** A slow method probe, then a rollback of 4 s and {@code lastRollback}. */
    private Process start(ActionProcess action, String lastRollback) throws Exception {
        action.file("exp.json", """
                {"title": "t", "description": "d",
                 "method": [{"type": "probe", "name": "slow", "provider": {"type": "http", "url": "%s", "timeout": 120}}],
                 "rollbacks": [{"type": "action", "name": "4 s", "provider": {"type": "http", "url": "%s", "timeout": 120}},
                               {"type": "action", "name": "last", "provider": {"type": "http", "url": "%s", "timeout": 120}}]}"""
                .formatted(server.url("/slow"), server.url("/undo-4s"), server.url(lastRollback)));
        Process process = action.input("experiment", "exp.json").start();
        while (server.calls("/slow") == 0) {
            assertTrue(process.isAlive(), () -> "the action ended early: " + action.stdoutSoFar());
            Thread.sleep(20);
        }
        return process;
    }

    /**
     * The runner's sequence; true when the process was still alive for the SIGKILL. The last rollback must have
     * started when the SIGTERM comes, or the test proves nothing.
     */
    private boolean cancelLikeTheRunner(Process process, String lastRollback) throws Exception {
        signal(process, "INT");
        if (process.waitFor(SIGTERM_AFTER_MS, TimeUnit.MILLISECONDS)) return false;
        assertEquals(1, server.calls(lastRollback), "the SIGTERM comes during the last rollback");
        signal(process, "TERM");
        if (process.waitFor(SIGKILL_AFTER_MS, TimeUnit.MILLISECONDS)) return false;
        process.destroyForcibly().waitFor();
        return true;
    }

    private static void signal(Process process, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
    }

    private static Map<?, ?> journal(ActionProcess action) throws Exception {
        return (Map<?, ?>) Json.parse(Files.readString(action.workspace().resolve("chaos-journal.json")));
    }

    private static List<Object> statuses(Object items) {
        return ((List<?>) items).stream().<Object>map(i -> ((Map<?, ?>) i).get("status")).toList();
    }
}
