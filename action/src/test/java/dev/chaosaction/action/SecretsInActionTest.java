package dev.chaosaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.testing.Leaks.Source;
import dev.chaosaction.testing.Leaks;
import dev.chaosaction.testing.LocalServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The GitHub Action, started as the runner starts it, with the secret coming in through each of its inputs: it
 * shows nowhere in the job log (save in the {@code ::add-mask::} commands that ask GitHub to hide it), the
 * step's outputs, its summary, the journal file or the uploaded journal.
 */
@Timeout(180)
class SecretsInActionTest {
    @TempDir
    Path temp;
    private final LocalServer server = Leaks.echoServer();
    private final S3TestServer s3 = new S3TestServer().bucket("journals");

    @AfterEach
    void stop() {
        server.close();
        s3.close();
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void theJobLogTheOutputsTheSummaryAndTheJournalsNeverHoldTheSecret(Source source) throws Exception {
        var credentials = S3TestServer.CREDENTIALS.resolveCredentials();
        ActionProcess action = new ActionProcess(temp)
                .env(Leaks.ENV, Leaks.SECRET)
                .input("allowed-env", Leaks.ENV)
                .env("AWS_ACCESS_KEY_ID", credentials.accessKeyId())
                .env("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey())
                .env(JournalUpload.ENDPOINT, s3.endpoint().toString())
                .input("experiment", "exp.json")
                .input("journal-s3-uri", "s3://journals/github").input("aws-region", "eu-west-1")
                // Its action fails on purpose (the secret in an error message): the verdict is beside the point.
                .input("fail-on", "chaostoolkit");
        action.file("exp.json", Leaks.experiment(source, server));
        if (source == Source.VAR_FILE_SECRET) {
            action.file("vars.json", Leaks.varFile());
            action.input("var-file", "vars.json");
        }
        if (source == Source.VAR) action.input("vars", "# the token\n" + Leaks.NAME + "=" + Leaks.SECRET);

        ActionProcess.Result result = action.run();

        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        Leaks.assertDelivered(server);
        List<String> masks = result.lines().stream().filter(l -> l.startsWith("::add-mask::")).toList();
        assertTrue(masks.contains("::add-mask::" + Leaks.SECRET), "GitHub is asked to mask it: " + masks);
        String log = String.join("\n", result.lines().stream().filter(l -> !masks.contains(l)).toList());
        assertTrue(log.contains("failed to connect to http://127.0.0.1:1/x?token=***"), log);
        Leaks.assertAbsent("the job log", log);
        Leaks.assertAbsent("stderr", result.stderr());
        Leaks.assertAbsent("the outputs", result.outputs().toString());
        Leaks.assertAbsent("the step summary", result.summary());
        Leaks.assertAbsent("the journal file", Files.readString(action.workspace().resolve("chaos-journal.json")));
        String uri = result.outputs().get("journal-uri");
        Leaks.assertAbsent("the uploaded journal", s3.read("journals", uri.substring("s3://journals/".length())));
    }
}
