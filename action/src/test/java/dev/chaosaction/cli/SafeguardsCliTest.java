package dev.chaosaction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.value.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chaos run} in its own JVM with {@code chaosaddons.controls.safeguards}, and the same experiment run by
 * Chaos Toolkit 1.19 with chaostoolkit-addons ({@code CHAOS_CTK_HOME}) when it is installed: a failing
 * pre-check HTTP probe on a loopback server interrupts both runs before the method, and both play the rollback.
 */
@Timeout(120)
class SafeguardsCliTest {
    @TempDir
    Path dir;
    private final LocalServer server = new LocalServer()
            .reply("/ok", LocalServer.Reply.json(200, "{\"status\": \"UP\"}"))
            .reply("/bad", LocalServer.Reply.json(500, "{\"status\": \"DOWN\"}"));

    @AfterEach
    void stop() {
        server.close();
    }

    private record Run(int exitCode, String console, Map<?, ?> journal) {}

    private Path experiment() throws Exception {
        return Files.writeString(dir.resolve("e.json"), """
                {"title": "t", "description": "d",
                 "controls": [{"name": "safeguard", "provider": {"type": "python",
                   "module": "chaosaddons.controls.safeguards", "arguments": {"probes": [
                     {"name": "pre", "type": "probe", "tolerance": 200, "provider": {"type": "http", "url": "%s"}}]}}}],
                 "method": [{"type": "action", "name": "break", "provider": {"type": "process", "path": "touch",
                   "arguments": "%s"}}],
                 "rollbacks": [{"type": "action", "name": "undo", "provider": {"type": "process", "path": "touch",
                   "arguments": "%s"}}]}""".formatted(server.url("/bad"), dir.resolve("broken"), dir.resolve("undone")));
    }

    private Run run(List<String> command, String journalName) throws Exception {
        Path journal = dir.resolve(journalName);
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of("run", "--rollback-strategy", "always", "--journal-path", journal.toString(),
                experiment().toString()));
        // In the temporary directory: Chaos Toolkit writes its chaostoolkit.log where it runs.
        Process child = new ProcessBuilder(all).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(journalName + ".log").toFile()).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the run ends");
        String console = Files.readString(dir.resolve(journalName + ".log"));
        return new Run(child.exitValue(), console,
                Files.exists(journal) ? (Map<?, ?>) Json.parse(Files.readString(journal)) : Map.of());
    }

    private static List<String> ours() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Chaos.class.getName());
    }

    private static List<Object> names(Object items) {
        return ((List<?>) items).stream().<Object>map(i -> ((Map<?, ?>) ((Map<?, ?>) i).get("activity")).get("name")).toList();
    }

    @Test
    void aFailingPreCheckInterruptsTheRunBeforeTheMethodAndTheRollbackPlaysAsInChaosToolkit() throws Exception {
        Run run = run(ours(), "journal.json");

        assertEquals(1, run.exitCode(), run.console());
        assertEquals("interrupted", run.journal().get("status"));
        assertEquals("safeguard 'pre' triggered the end of the experiment: its tolerance was not met",
                ((Map<?, ?>) run.journal().get("chaos-action")).get("reason"));
        assertEquals(List.of(), run.journal().get("run"));
        assertEquals(List.of("undo"), names(run.journal().get("rollbacks")));
        assertFalse(Files.exists(dir.resolve("broken")), "the method never ran");

        String ctk = System.getenv("CHAOS_CTK_HOME");
        if (ctk == null || ctk.isBlank()) return; // the comparison needs Chaos Toolkit; our side is checked above
        Files.deleteIfExists(dir.resolve("undone"));
        Run theirs = run(List.of(Path.of(ctk, "bin", "chaos").toString(), "--no-version-check"), "ctk.json");
        assertEquals(run.exitCode(), theirs.exitCode(), theirs.console());
        assertEquals(run.journal().get("status"), theirs.journal().get("status"));
        assertEquals(names(run.journal().get("rollbacks")), names(theirs.journal().get("rollbacks")));
        // Chaos Toolkit interrupts with a signal (SIGUSR1) that lands asynchronously: its method may begin its
        // first activity, which is then cut short and journaled without a status. Ours starts nothing.
        assertTrue(((List<?>) theirs.journal().get("run")).stream().noneMatch(i -> ((Map<?, ?>) i).containsKey("status")),
                String.valueOf(theirs.journal().get("run")));
    }

    @Test
    void anUnservedControlModuleInTheSettingsIsAValidationErrorNamingWhatIsServed() throws Exception {
        Path settings = Files.writeString(dir.resolve("settings.yaml"), """
                controls:
                  reliably:
                    provider:
                      type: python
                      module: chaosreliably.controls.experiment
                """);
        List<String> command = new ArrayList<>(ours());
        command.addAll(List.of("--settings", settings.toString()));

        Run run = run(command, "none.json");

        assertEquals(1, run.exitCode(), run.console());
        assertTrue(run.console().contains("settings:/controls/reliably/provider/module: control module "
                + "'chaosreliably.controls.experiment' is not served by this runner (Python controls cannot run "
                + "here); served control modules: chaosaddons.controls.safeguards"), run.console());
        assertFalse(Files.exists(dir.resolve("broken")));
    }
}
