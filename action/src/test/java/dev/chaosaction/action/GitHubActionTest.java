package dev.chaosaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.aws.s3.S3JournalStore;
import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.config.Overrides;
import dev.chaosaction.experiment.Dry;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.experiment.RollbackStrategy;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.Runs;
import dev.chaosaction.value.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The action run as the runner runs it: a child process, inputs in the environment, the runner's files. */
class GitHubActionTest {
    private static final List<String> OUTPUTS = List.of("verdict", "status", "deviated", "run-id", "journal-path",
            "journal-uri");

    @TempDir
    Path temp;

    private final LocalServer server = new LocalServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aCompletedRunWritesJournalOutputsAndSummaryAndExitsZero() throws Exception {
        server.reply("/health", Reply.text(200, "ok")).reply("/chaos", Reply.text(200, "done"))
                .reply("/undo", Reply.text(200, "undone"));
        ActionProcess action = new ActionProcess(temp);
        action.file("experiments/ok.json", experiment(http("probe", "health", "/health", "200"),
                http("action", "poke", "/chaos", null), http("action", "undo", "/undo", null)));

        ActionProcess.Result result = action.input("experiment", "experiments/ok.json").run();

        assertEquals(0, result.exitCode(), result.stdout());
        assertEquals(OUTPUTS, List.copyOf(result.outputs().keySet()));
        assertEquals("held", result.outputs().get("verdict"));
        assertEquals("completed", result.outputs().get("status"));
        assertEquals("false", result.outputs().get("deviated"));
        assertEquals("chaos-journal.json", result.outputs().get("journal-path"));
        assertEquals("", result.outputs().get("journal-uri"));
        Map<?, ?> journal = (Map<?, ?>) Json.parse(Files.readString(action.workspace().resolve("chaos-journal.json")));
        assertEquals(result.outputs().get("run-id"), ((Map<?, ?>) journal.get("chaos-action")).get("run_id"));
        assertEquals("completed", journal.get("status"));
        assertEquals(1, server.calls("/chaos"));
        assertEquals(1, server.calls("/undo"));

        assertTrue(result.summary().startsWith("## ✅ Held: the steady state was met before and after the faults\n"), result.summary());
        assertTrue(result.summary().contains("\n**Before the method:** ✅ met\n"), result.summary());
        assertTrue(result.summary().contains("\n**After the method:** ✅ met\n"), result.summary());
        assertTrue(result.summary().matches("(?s).*\\| health \\| ✅ succeeded \\| yes \\| \\d+\\.\\d{3} s \\|.*"));
        assertTrue(result.summary().matches("(?s).*### Method\n\n.*\\| 1 \\| action \\| poke \\| ✅ succeeded \\|.*"));
        assertTrue(result.summary().matches("(?s).*### Rollbacks\n\n.*\\| 1 \\| action \\| undo \\| ✅ succeeded \\|.*"));
        assertEquals(List.of("::group::Steady state before", "::endgroup::", "::group::Method", "::endgroup::",
                "::group::Steady state after", "::endgroup::", "::group::Rollbacks", "::endgroup::"),
                result.lines().stream().filter(l -> l.startsWith("::")).toList());
    }

    @Test
    void aDeviationFailsTheStepUnlessFailOnDeviationIsFalse() throws Exception {
        for (String failOnDeviation : List.of("true", "false")) {
            ActionProcess action = new ActionProcess(temp.resolve(failOnDeviation));
            Path flag = action.workspace().resolve("flag");
            action.file("exp.yaml", experiment(
                    process("probe", "no flag yet", "test ! -e " + flag, "0"),
                    process("action", "raise the flag", "touch " + flag, null), null));

            ActionProcess.Result result = action.input("experiment", "exp.yaml")
                    .input("fail-on-deviation", failOnDeviation).run();

            assertEquals("true".equals(failOnDeviation) ? 1 : 0, result.exitCode(), result.stdout());
            assertEquals("completed", result.outputs().get("status"));
            assertEquals("true", result.outputs().get("deviated"));
            assertTrue(result.summary().startsWith(
                    "## ❌ Deviated: the steady state was not met after the method\n"), result.summary());
            assertTrue(result.summary().contains("\n**After the method:** ❌ not met\n"), result.summary());
            assertTrue(result.summary().matches("(?s).*\\| no flag yet \\| ✅ succeeded \\| no \\|.*"));
            assertEquals("deviated", result.outputs().get("verdict"));
            String verdict = "Deviated: the steady state was not met after the method "
                    + "(the steady state was not met after the method)";
            assertEquals("true".equals(failOnDeviation)
                            ? "::error title=Chaos experiment::" + verdict
                            : "::warning title=Chaos experiment::" + verdict + "; fail-on lets it pass",
                    result.lines().getLast());
        }
    }

    @Test
    void aFailedRunFailsTheStepEvenWhenDeviationsAreTolerated() throws Exception {
        int closed = closedPort();
        ActionProcess action = new ActionProcess(temp);
        action.file("exp.json", experiment(http("probe", "health", "http://127.0.0.1:" + closed + "/", "200"),
                http("action", "poke", "/chaos", null), null));

        ActionProcess.Result result = action.input("experiment", "exp.json").input("fail-on-deviation", "false").run();

        assertEquals(1, result.exitCode(), result.stdout());
        assertEquals("failed", result.outputs().get("status"));
        assertEquals(0, server.calls("/chaos"));
        assertEquals("unhealthy-before", result.outputs().get("verdict"));
        assertTrue(result.summary().startsWith("## ❌ Unhealthy before: the steady state was not met before the method\n"),
                result.summary());
        assertTrue(result.lines().stream().anyMatch(l -> l.startsWith(
                "::error title=Probe failed (steady state before)::health: failed to connect to http://127.0.0.1:"
                        + closed + "/")), result.stdout());
        assertEquals("::error title=Chaos experiment::Unhealthy before: the steady state was not met before the method "
                        + "(the steady state was not met before the method, which was skipped)",
                result.lines().getLast());
    }

    @Test
    void aFaultThatWasNotInjectedFailsTheStepUnlessFailOnSaysOtherwise() throws Exception {
        server.reply("/health", Reply.text(200, "ok"));
        int closed = closedPort();
        for (String failOn : List.of("not-held", "chaostoolkit")) {
            ActionProcess action = new ActionProcess(temp.resolve(failOn));
            action.file("exp.json", experiment(http("probe", "health", "/health", "200"),
                    http("action", "kill", "http://127.0.0.1:" + closed + "/kill", null), null));

            ActionProcess.Result result = action.input("experiment", "exp.json").input("fail-on", failOn).run();

            assertEquals("not-held".equals(failOn) ? 1 : 0, result.exitCode(), result.stdout());
            assertEquals("completed", result.outputs().get("status"), "Chaos Toolkit's status says nothing of it");
            assertEquals("not-injected", result.outputs().get("verdict"));
            assertTrue(result.summary().startsWith("## ⚠️ Not injected: no fault was injected\n"), result.summary());
            assertTrue(result.summary().contains("Verdict: `not-injected` · the action 'kill' failed: failed to connect"),
                    result.summary());
            assertTrue(result.lines().getLast().startsWith(("not-held".equals(failOn) ? "::error" : "::warning")
                    + " title=Chaos experiment::Not injected: no fault was injected (the action 'kill' failed: "),
                    result.stdout());
            assertTrue(result.stdout().contains("Verdict: not-injected - the action 'kill' failed"), result.stdout());
        }
    }

    @Test
    void invalidInputsAreAllAnnotatedAndNothingRuns() throws Exception {
        ActionProcess action = new ActionProcess(temp);
        ActionProcess.Result result = action.input("vars", "greeting=hello\r\n# a comment\r\nnot a var\r\n")
                .input("dry", "sometimes").input("rollback-strategy", "maybe")
                .input("fail-on-deviation", "perhaps").input("kubeconfig", "kube/config").run();

        assertEquals(2, result.exitCode(), result.stdout());
        assertEquals(List.of(
                "::error title=Invalid input::experiment: is required: the path of the file, relative to the workspace",
                "::error title=Invalid input::vars: line 3: " + message(() -> Overrides.NONE.then(
                        dev.chaosaction.config.Vars.fromVars(List.of("not a var")))),
                "::error title=Invalid input::dry: " + message(() -> Dry.parse("sometimes")),
                "::error title=Invalid input::rollback-strategy: " + message(() -> RollbackStrategy.parse("maybe")),
                "::error title=Invalid input::kubeconfig: no file at 'kube/config' in the workspace "
                        + "(did the job check out the repository?)",
                "::error title=Invalid input::fail-on-deviation: expected true or false, got 'perhaps'"),
                result.lines());
        assertEquals(Map.of("verdict", "", "status", "invalid", "deviated", "false", "run-id", "", "journal-path", "",
                "journal-uri", ""), result.outputs());
        assertTrue(result.summary().startsWith("## ❌ Invalid input: nothing was run\n"), result.summary());
        assertTrue(result.summary().contains("| dry | " + MarkdownRenderer.escape(message(() -> Dry.parse("sometimes")))
                + " |"), result.summary());
        assertFalse(Files.exists(action.workspace().resolve("chaos-journal.json")));
    }

    @Test
    void everyProblemOfAnInvalidExperimentIsAnnotatedOnItsFile() throws Exception {
        String invalid = """
                {"title": "", "method": [{"type": "action", "name": "no provider"},
                                         {"type": "probe", "provider": {"type": "http"}}]}
                """;
        List<Problem> expected = problems(invalid);
        assertTrue(expected.size() >= 3, expected.toString());
        ActionProcess action = new ActionProcess(temp);
        action.file("chaos/bad.json", invalid);

        ActionProcess.Result result = action.input("experiment", "chaos/bad.json").run();

        assertEquals(2, result.exitCode(), result.stdout());
        assertEquals(expected.stream().map(p -> "::error file=chaos/bad.json,title=Invalid experiment::" + p).toList(),
                result.lines());
        assertEquals("invalid", result.outputs().get("status"));
        assertTrue(result.summary().startsWith("## ❌ Invalid experiment: nothing was run\n"), result.summary());
    }

    @Test
    void secretsAreMaskedBeforeAnythingPrintsThemAndNeverWritten() throws Exception {
        String secret = "s3cr3t-T0ken-value";
        int closed = closedPort();
        ActionProcess action = new ActionProcess(temp);
        action.file("vars/secrets.yaml", "secrets:\n  api:\n    token: " + secret + "\n");
        action.file("exp.json", experiment(null,
                process("action", "show the token", "echo ${token}", null),
                http("action", "call with the token", "http://127.0.0.1:" + closed + "/?t=${token}", null)));

        ActionProcess.Result result = action.input("experiment", "exp.json").input("var-file", "vars/secrets.yaml")
                .input("rollback-strategy", "always").input("fail-on", "chaostoolkit").run();

        assertEquals(0, result.exitCode(), result.stdout());
        assertEquals("::add-mask::" + secret, result.lines().getFirst());
        assertEquals(1, result.stdout().split(secret, -1).length - 1, result.stdout());
        assertTrue(result.lines().stream().anyMatch(l -> l.startsWith("::error title=Action failed (rollbacks)::"
                + "call with the token: failed to connect to http://127.0.0.1:" + closed + "/?t=***: ")), result.stdout());
        String journal = Files.readString(action.workspace().resolve("chaos-journal.json"));
        assertTrue(journal.contains("\"stdout\" : \"***\\n\"") || journal.contains("\"stdout\": \"***\\n\""), journal);
        for (String written : List.of(result.stderr(), result.summary(), journal,
                Files.readString(temp.resolve("file_commands/set_output")))) {
            assertFalse(written.contains(secret), written);
        }
    }

    @Test
    void sigtermInterruptsTheRunPlaysRollbacksAndStillWritesEverything() throws Exception {
        server.reply("/slow", Reply.text(200, "late").delayed(120_000)).reply("/undo", Reply.text(200, "undone"));
        ActionProcess action = new ActionProcess(temp);
        action.file("exp.json", experiment(null, http("action", "hang", "/slow", null),
                http("action", "undo", "/undo", null)));
        // No rollback strategy named anywhere: an unattended job rolls back 'always'.
        Process process = action.input("experiment", "exp.json").input("journal-path", "out/journal.json").start();

        awaitTrue(() -> server.calls("/slow") == 1, process);
        process.destroy(); // SIGTERM, as a cancelled workflow's container gets
        ActionProcess.Result result = action.finish(process);

        assertEquals(1, result.exitCode(), result.stdout());
        assertEquals("interrupted", result.outputs().get("status"));
        assertEquals("out/journal.json", result.outputs().get("journal-path"));
        assertEquals(1, server.calls("/undo"));
        Map<?, ?> journal = (Map<?, ?>) Json.parse(Files.readString(action.workspace().resolve("out/journal.json")));
        assertEquals("interrupted", journal.get("status"));
        assertEquals(1, ((List<?>) journal.get("rollbacks")).size());
        assertTrue(result.summary().startsWith("## ⚠️ Interrupted\n"), result.summary());
        assertTrue(result.summary().contains("| 1 | action | hang | ⏹ stopped |"), result.summary());
        assertTrue(result.summary().contains("| 1 | action | undo | ✅ succeeded |"), result.summary());
        assertTrue(result.lines().getLast().startsWith("::error title=Chaos experiment::Interrupted ("),
                result.stdout());
    }

    @Test
    void sigtermWithAnExplicitDefaultStrategySkipsRollbacksAsChaosToolkitDoes() throws Exception {
        server.reply("/slow", Reply.text(200, "late").delayed(120_000)).reply("/undo", Reply.text(200, "undone"));
        ActionProcess action = new ActionProcess(temp);
        action.file("exp.json", experiment(null, http("action", "hang", "/slow", null),
                http("action", "undo", "/undo", null)));
        Process process = action.input("experiment", "exp.json").input("rollback-strategy", "default").start();

        awaitTrue(() -> server.calls("/slow") == 1, process);
        process.destroy();
        ActionProcess.Result result = action.finish(process);

        assertEquals("interrupted", result.outputs().get("status"));
        assertEquals(0, server.calls("/undo"));
    }

    @Test
    void theJournalIsUploadedToS3WhereTheFunctionFilesItsOwn() throws Exception {
        try (S3TestServer s3 = new S3TestServer().bucket("journals")) {
            server.reply("/chaos", Reply.text(200, "done"));
            ActionProcess action = s3Client(new ActionProcess(temp), s3);
            action.file("exp.json", experiment(null, http("action", "poke", "/chaos", null), null));

            ActionProcess.Result result = action.input("experiment", "exp.json")
                    .input("journal-s3-uri", "s3://journals/github").input("aws-region", "eu-west-1")
                    .input("fail-on", "chaostoolkit").run();

            assertEquals(0, result.exitCode(), result.stdout());
            String fileJournal = Files.readString(action.workspace().resolve("chaos-journal.json"));
            @SuppressWarnings("unchecked")
            Map<String, Object> journal = (Map<String, Object>) Json.parse(fileJournal);
            String key = S3JournalStore.key("github/", journal, result.outputs().get("run-id"));
            assertTrue(key.matches("github/\\d{4}/\\d{2}/\\d{2}/under-test/[0-9a-f-]{36}\\.json"), key);
            assertEquals("s3://journals/" + key, result.outputs().get("journal-uri"));
            assertEquals(journal, Json.parse(s3.read("journals", key)));
            assertTrue(result.lines().contains("Journal uploaded to s3://journals/" + key), result.stdout());
        }
    }

    @Test
    void aFailedUploadFailsTheStepButTheJournalFileIsThere() throws Exception {
        S3TestServer s3 = new S3TestServer();
        ActionProcess action = s3Client(new ActionProcess(temp), s3);
        s3.close(); // S3 unreachable
        server.reply("/chaos", Reply.text(200, "done"));
        action.file("exp.json", experiment(null, http("action", "poke", "/chaos", null), null));

        ActionProcess.Result result = action.input("experiment", "exp.json")
                .input("journal-s3-uri", "s3://journals/").input("aws-region", "eu-west-1").run();

        assertEquals(1, result.exitCode(), result.stdout());
        assertEquals("completed", result.outputs().get("status"));
        assertEquals("chaos-journal.json", result.outputs().get("journal-path"));
        assertEquals("", result.outputs().get("journal-uri"));
        assertTrue(Files.exists(action.workspace().resolve("chaos-journal.json")));
        assertTrue(result.lines().stream().anyMatch(l -> l.startsWith(
                "::error title=Journal not uploaded::the journal could not be uploaded to s3://journals/: ")),
                result.stdout());
    }

    /** Credentials as configure-aws-credentials exports them; the endpoint as the function reads it. */
    private static ActionProcess s3Client(ActionProcess action, S3TestServer s3) {
        var credentials = S3TestServer.CREDENTIALS.resolveCredentials();
        return action.env("AWS_ACCESS_KEY_ID", credentials.accessKeyId())
                .env("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey())
                .env(JournalUpload.ENDPOINT, s3.endpoint().toString());
    }

    // --- experiments -------------------------------------------------------------------------------------------

    /** An experiment with an optional one-probe hypothesis, one method action and an optional rollback. */
    private static String experiment(String probe, String action, String rollback) {
        return "{\"title\": \"Under test\", \"description\": \"an action test\","
                + (probe == null ? "" : "\"steady-state-hypothesis\": {\"title\": \"holds\", \"probes\": [" + probe + "]},")
                + "\"method\": [" + action + "]"
                + (rollback == null ? "" : ", \"rollbacks\": [" + rollback + "]") + "}";
    }

    private String http(String type, String name, String pathOrUrl, String tolerance) {
        String url = pathOrUrl.startsWith("/") ? server.url(pathOrUrl) : pathOrUrl;
        return activity(type, name, "{\"type\": \"http\", \"url\": " + Json.write(url) + "}", tolerance);
    }

    private static String process(String type, String name, String script, String tolerance) {
        return activity(type, name, "{\"type\": \"process\", \"path\": \"/bin/sh\", \"arguments\": [\"-c\", "
                + Json.write(script) + "]}", tolerance);
    }

    private static String activity(String type, String name, String provider, String tolerance) {
        return "{\"type\": \"" + type + "\", \"name\": " + Json.write(name) + ", \"provider\": " + provider
                + (tolerance == null ? "" : ", \"tolerance\": " + tolerance) + "}";
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static List<Problem> problems(String experiment) {
        try {
            Runs.engine().prepare(Runs.parse(experiment), Overrides.NONE, true);
        } catch (InvalidExperimentException e) {
            return e.problems();
        }
        throw new AssertionError("expected an invalid experiment");
    }

    private static String message(Supplier<?> failing) {
        try {
            failing.get();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a failure");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Polls a condition the child process makes true; fails if the process ends first. */
    private static void awaitTrue(java.util.function.BooleanSupplier condition, Process process)
            throws InterruptedException {
        for (int i = 0; i < 1200 && !condition.getAsBoolean(); i++) {
            assertTrue(process.isAlive(), "the action ended before the condition held");
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), "the condition never held");
    }
}
