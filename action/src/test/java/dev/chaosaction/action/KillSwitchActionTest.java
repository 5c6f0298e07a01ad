package dev.chaosaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.safety.KillSwitches;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The action obeys the kill switch its job's environment names: the step fails, saying why, and nothing ran. */
@Timeout(120)
class KillSwitchActionTest {
    @TempDir
    Path temp;
    private final S3TestServer s3 = new S3TestServer().bucket("ops");

    @AfterEach
    void stop() {
        s3.close();
    }

    @Test
    void anEngagedSwitchFailsTheStepWithTheReasonAndRunsNothing() throws Exception {
        s3.put("ops", "kill", "");
        var credentials = S3TestServer.CREDENTIALS.resolveCredentials();
        ActionProcess action = new ActionProcess(temp)
                .env(KillSwitches.ENV, "s3://ops/kill")
                .env(JournalUpload.ENDPOINT, s3.endpoint().toString())
                .env("AWS_ACCESS_KEY_ID", credentials.accessKeyId())
                .env("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey())
                .env("AWS_REGION", "eu-west-1")
                .input("experiment", "exp.json");
        Path marker = temp.resolve("touched");
        action.file("exp.json", """
                {"title": "t", "description": "d",
                 "method": [{"type": "action", "name": "touch", "provider": {"type": "process", "path": "touch",
                   "arguments": ["%s"]}}]}""".formatted(marker));

        ActionProcess.Result result = action.run();

        assertEquals(1, result.exitCode(), result.stdout());
        assertEquals("aborted", result.outputs().get("status"));
        assertTrue(result.stdout().contains("not started: kill switch s3://ops/kill is engaged (the object exists)"),
                result.stdout());
        assertTrue(result.summary().contains("kill switch s3://ops/kill is engaged"), result.summary());
        assertFalse(marker.toFile().exists(), "nothing ran");
    }
}
