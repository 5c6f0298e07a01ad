package dev.chaosaction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.value.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chaos run} and {@code chaos validate} as a user types them: exit codes, journal, messages. */
class ChaosCommandTest {
    @TempDir
    Path dir;
    private final LocalServer server = new LocalServer()
            .reply("/health", Reply.json(200, "{\"status\": \"UP\"}"))
            .reply("/down", Reply.json(503, "{\"status\": \"DOWN\"}"));
    private final Console console = new Console();

    @AfterEach
    void stop() {
        server.close();
    }

    private Path experiment(String healthPath, String extra) throws Exception {
        return Files.writeString(dir.resolve("e.json"), """
                {"title": "health", "description": "d", %s
                 "steady-state-hypothesis": {"title": "up", "probes": [
                   {"type": "probe", "name": "health", "tolerance": {"type": "jsonpath", "path": "$.status",
                    "expect": "UP", "target": "body"}, "provider": {"type": "http", "url": "${base}%s"}}]},
                 "configuration": {"base": "http://nowhere"},
                 "method": [{"type": "action", "name": "noop", "provider": {"type": "process", "path": "true"}}]}"""
                .formatted(extra, healthPath));
    }

    private int chaos(String... args) {
        return console.chaos(args);
    }

    private String errors() {
        return console.errors();
    }

    private Map<?, ?> journal(Path path) throws Exception {
        return (Map<?, ?>) Json.parse(Files.readString(path));
    }

    private String base() {
        return server.url("");
    }

    @Test
    void aRunThatHoldsExitsZeroAndWritesTheJournal() throws Exception {
        Path journal = dir.resolve("out/journal.json");
        int code = chaos("--no-version-check", "--verbose", "run", "--journal-path", journal.toString(),
                "--var", "base=" + base(), experiment("/health", "").toString());
        assertEquals(0, code, errors());
        assertEquals("completed", journal(journal).get("status"));
        assertTrue(errors().contains("Probe: health [succeeded"), errors());
        assertTrue(errors().contains("Experiment ended with status: completed"), errors());
    }

    @Test
    void aRunThatDeviatesExitsOne() throws Exception {
        Path journal = dir.resolve("journal.json");
        Path exp = Files.writeString(dir.resolve("e.json"), """
                {"title": "t", "description": "d", "configuration": {"base": "x"},
                 "steady-state-hypothesis": {"title": "h", "probes": [{"type": "probe", "name": "p",
                   "tolerance": 0, "provider": {"type": "process", "path": "sh", "arguments": ["-c",
                   "test ! -f %s"]}}]},
                 "method": [{"type": "action", "name": "break", "provider": {"type": "process", "path": "touch",
                   "arguments": ["%s"]}}]}""".formatted(dir.resolve("down"), dir.resolve("down")));
        assertEquals(1, chaos("run", "--journal-path", journal.toString(), exp.toString()));
        assertEquals(Boolean.TRUE, journal(journal).get("deviated"));
        assertEquals("completed", journal(journal).get("status"));
    }

    @Test
    void anInvalidExperimentListsEveryProblemExitsOneAndRunsNothing() throws Exception {
        Path exp = Files.writeString(dir.resolve("bad.json"), """
                {"method": [{"type": "action", "name": "a", "provider": {"type": "http"}},
                            {"type": "action", "name": "b", "provider": {"type": "process", "path": "no-such-binary-x"}}]}""");
        Path journal = dir.resolve("journal.json");
        assertEquals(1, chaos("run", "--journal-path", journal.toString(), exp.toString()));
        String out = errors();
        assertTrue(out.contains("The experiment is not valid (4 problems):"), out);
        assertTrue(out.contains("/title: experiment requires a title"), out);
        assertTrue(out.contains("/method/0/provider/url: a HTTP activity must have a URL"), out);
        assertTrue(out.contains("/method/1/provider/path: path 'no-such-binary-x' cannot be found, in activity 'b'"), out);
        assertFalse(out.contains("Exception"), "no stack trace for a user mistake");
        assertFalse(Files.exists(journal), "nothing ran, so no journal");
    }

    @Test
    void validateSaysSoAndExitsZero() throws Exception {
        assertEquals(0, chaos("validate", experiment("/health", "").toString()));
        assertTrue(errors().contains("experiment syntax and semantic look valid"), errors());
    }

    @Test
    void aMalformedVarIsAUsageError() throws Exception {
        assertEquals(2, chaos("run", "--var", "novalue", experiment("/health", "").toString()));
        assertTrue(errors().startsWith("error: "), errors());
    }

    @Test
    void anUnknownStrategyIsAUsageError() throws Exception {
        assertEquals(2, chaos("run", "--rollback-strategy", "sometimes", experiment("/health", "").toString()));
        assertTrue(errors().contains("unknown rollback strategy 'sometimes'"), errors());
    }

    @Test
    void aMissingFileIsReportedWithoutATrace() {
        assertEquals(1, chaos("run", dir.resolve("nope.json").toString()));
        assertTrue(errors().contains("does not exist."), errors());
        assertFalse(errors().contains("Exception"), errors());
    }

    @Test
    void dryActionsRunsProbesOnly() throws Exception {
        Path journal = dir.resolve("journal.json");
        assertEquals(0, chaos("run", "--dry", "actions", "--journal-path", journal.toString(), "--var",
                "base=" + base(), experiment("/health", "").toString()));
        Map<?, ?> j = journal(journal);
        assertEquals("actions", ((Map<?, ?>) j.get("experiment")).get("dry"));
        assertEquals(null, ((Map<?, ?>) ((List<?>) j.get("run")).getFirst()).get("output"));
    }

    @Test
    void varFilesAndVarsFeedConfiguration() throws Exception {
        Path vars = Files.writeString(dir.resolve("vars.yaml"), "configuration:\n  base: http://ignored\n");
        Path journal = dir.resolve("journal.json");
        assertEquals(0, chaos("run", "--var-file", vars.toString(), "--var", "base=" + base(), "--journal-path",
                journal.toString(), experiment("/health", "").toString()), errors());
    }

    @Test
    void quietPrintsOnlyTheVerdict() throws Exception {
        assertEquals(0, chaos("run", "--quiet", "--journal-path", dir.resolve("j.json").toString(), "--var",
                "base=" + base(), experiment("/health", "").toString()));
        assertEquals(1, errors().strip().lines().count(), errors());
    }

    @Test
    void theSettingsFileRuntimeStrategiesApplyWhenNothingElseNamesOne() throws Exception {
        Path settings = Files.writeString(dir.resolve("settings.yaml"),
                "runtime:\n  hypothesis:\n    strategy: before-method-only\n");
        Path journal = dir.resolve("journal.json");
        assertEquals(0, chaos("--settings", settings.toString(), "run", "--journal-path", journal.toString(),
                "--var", "base=" + base(), experiment("/health", "").toString()), errors());
        Map<?, ?> states = (Map<?, ?>) journal(journal).get("steady_states");
        assertEquals(null, states.get("after"), "before-method-only came from the settings file");
        assertEquals(1, server.calls("/health"));
    }

    /** Chaos Toolkit: status aborted, the probe's item without a status, rollbacks played, exit 1. */
    @Test
    void anHttpUrlWithoutASchemeAbortsTheRunAsInChaosToolkit() throws Exception {
        Path file = Files.writeString(dir.resolve("noscheme.json"), """
                {"title": "t", "description": "d",
                 "method": [{"type": "probe", "name": "m", "provider": {"type": "http", "url": "ml-service/api/health"}},
                            {"type": "action", "name": "never", "provider": {"type": "process", "path": "true"}}],
                 "rollbacks": [{"type": "action", "name": "r", "provider": {"type": "process", "path": "true"}}]}""");
        Path journal = dir.resolve("journal.json");
        assertEquals(1, chaos("run", "--journal-path", journal.toString(), file.toString()), errors());
        Map<?, ?> j = journal(journal);
        assertEquals("aborted", j.get("status"));
        assertEquals(Boolean.FALSE, j.get("deviated"));
        List<?> run = (List<?>) j.get("run");
        assertEquals(1, run.size(), run::toString);
        assertFalse(((Map<?, ?>) run.getFirst()).containsKey("status"), run::toString);
        assertEquals("succeeded", ((Map<?, ?>) ((List<?>) j.get("rollbacks")).getFirst()).get("status"));
        assertTrue(String.valueOf(((Map<?, ?>) j.get("chaos-action")).get("reason")).contains("No scheme supplied"),
                j.get("chaos-action")::toString);
    }

    /** Chaos Toolkit crashes with a traceback and writes no journal; we end the run aborted the same way. */
    @Test
    void anHttpUrlWithoutASchemeInTheHypothesisAbortsTheRun() throws Exception {
        Path file = Files.writeString(dir.resolve("noscheme.json"), """
                {"title": "t", "description": "d", "steady-state-hypothesis": {"title": "h", "probes": [
                   {"type": "probe", "name": "p", "tolerance": 200, "provider": {"type": "http", "url": "ml-service/x"}}]},
                 "method": []}""");
        Path journal = dir.resolve("journal.json");
        assertEquals(1, chaos("run", "--journal-path", journal.toString(), file.toString()), errors());
        assertEquals("aborted", journal(journal).get("status"));
    }

    // --- experiments from URLs, as Chaos Toolkit loads them ---

    @Test
    void anExperimentIsRunFromAUrlWithTheSettingsAuthForItsHost() throws Exception {
        String experiment = Files.readString(experiment("/health", ""));
        server.reply("/e.json", Reply.json(200, experiment));
        String host = server.url("").replaceFirst("^http://", "");
        Path settings = Files.writeString(dir.resolve("settings.yaml"), """
                auths:
                  %s:
                    type: bearer
                    value: s3cr3t-token
                  elsewhere.test:
                    type: basic
                    value: other
                """.formatted(host));
        Path journal = dir.resolve("journal.json");
        assertEquals(0, chaos("--settings", settings.toString(), "run", "--journal-path", journal.toString(),
                "--var", "base=" + base(), server.url("/e.json")), errors());
        assertEquals("completed", journal(journal).get("status"));
        LocalServer.Request fetch = server.requests().stream().filter(r -> r.path().equals("/e.json")).findFirst()
                .orElseThrow();
        assertEquals(List.of("bearer s3cr3t-token"), fetch.headers().get("Authorization"));
        assertEquals(List.of("application/json, application/x-yaml"), fetch.headers().get("Accept"));
        assertFalse(errors().contains("s3cr3t-token"), errors());
    }

    @Test
    void plainTextFromAUrlIsReadAsJsonElseYamlAndValidated() throws Exception {
        server.reply("/e.yaml", Reply.text(200, "title: t\ndescription: d\nmethod: []\n"));
        assertEquals(0, chaos("validate", server.url("/e.yaml")), errors());
        server.reply("/bad.yaml", Reply.text(200, "title: t\nmethod: []\n"));
        assertEquals(1, chaos("validate", server.url("/bad.yaml")), errors());
        assertTrue(errors().contains("/description: experiment requires a description"), errors());
    }

    @Test
    void aUrlThatCannotBeLoadedIsOneLineAndNothingRuns() throws Exception {
        server.reply("/missing.json", Reply.text(404, "secret internal page"));
        server.reply("/big.json", Reply.json(200, "{\"title\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}"));
        server.reply("/html", new Reply(200, "text/html", "<html></html>", 0));
        Path journal = dir.resolve("journal.json");
        assertEquals(1, chaos("run", "--journal-path", journal.toString(), server.url("/missing.json?token=abc")));
        assertTrue(errors().contains("cannot load the experiment from " + server.url("/missing.json")
                + ": the server answered HTTP 404"), errors());
        assertFalse(errors().contains("secret internal page") || errors().contains("token=abc"), errors());
        assertEquals(1, chaos("validate", server.url("/big.json")));
        assertTrue(errors().contains("it is larger than 4194304 bytes"), errors());
        assertEquals(1, chaos("validate", server.url("/html")));
        assertTrue(errors().contains("is neither JSON nor YAML"), errors());
        assertEquals(1, chaos("validate", "http://127.0.0.1:" + closedPort() + "/e.json"));
        assertTrue(errors().contains("cannot load the experiment from http://127.0.0.1:"), errors());
        assertFalse(Files.exists(journal));
    }

    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aSettingsFileThatDoesNotExistMeansNoSettingsAsInChaosToolkit() throws Exception {
        Path journal = dir.resolve("journal.json");
        assertEquals(0, chaos("--settings", dir.resolve("missing.yaml").toString(), "run", "--journal-path",
                journal.toString(), "--var", "base=" + base(), experiment("/health", "").toString()), errors());
        assertEquals("completed", journal(journal).get("status"));
    }

    @Test
    void anUnreadableSettingsFileIsAUsageError() throws Exception {
        Path settings = Files.writeString(dir.resolve("settings.yaml"), "runtime: [unclosed\n");
        assertEquals(2, chaos("--settings", settings.toString(), "run", experiment("/health", "").toString()));
        assertTrue(errors().contains("cannot read the settings file"), errors());
    }
}
