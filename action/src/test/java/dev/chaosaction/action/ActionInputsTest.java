package dev.chaosaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.experiment.Dry;
import dev.chaosaction.experiment.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs as the runner passes them: {@code INPUT_} + upper-cased name, hyphens kept, values untrimmed. */
class ActionInputsTest {
    @TempDir
    Path workspace;

    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void checkout() throws Exception {
        Files.writeString(workspace.resolve("exp.json"), "{}");
        env.put("GITHUB_WORKSPACE", workspace.toString());
        env.put("INPUT_EXPERIMENT", " exp.json\n");
    }

    @Test
    void declaredDefaultsApplyAndPathsResolveInTheWorkspace() throws Exception {
        ActionInputs inputs = ActionInputs.read(env);
        assertEquals(workspace.resolve("exp.json"), inputs.experiment());
        assertEquals(workspace.resolve("chaos-journal.json"), inputs.journalPath());
        assertTrue(inputs.failOnDeviation());
        assertNull(inputs.dry());
        assertNull(inputs.rollbackStrategy());
        assertEquals(Map.of(), inputs.engineEnv());
        assertEquals("chaos-journal.json", inputs.forWorkflow(inputs.journalPath()));
        assertEquals("/elsewhere/j.json", inputs.forWorkflow(Path.of("/elsewhere/j.json")));
    }

    @Test
    void multiLineVarsAreTypedAndWinOverTheVarFile() throws Exception {
        Files.writeString(workspace.resolve("vars.yaml"), "configuration:\n  replicas: 1\n  zone: a\n");
        env.put("INPUT_VAR-FILE", "vars.yaml");
        env.put("INPUT_VARS", "replicas:int=3\r\n\r\n# not a var\r\n  url=http://x/?a=b  \r\nzone=b\r\nzone=c\r\n");
        env.put("INPUT_DRY", "actions");
        env.put("INPUT_FAIL-ON-DEVIATION", "False");

        ActionInputs inputs = ActionInputs.read(env);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("replicas", 3L);
        expected.put("zone", "c");
        expected.put("url", "http://x/?a=b");
        assertEquals(expected, inputs.overrides().configuration());
        assertEquals(Dry.ACTIONS, inputs.dry());
        assertEquals(false, inputs.failOnDeviation());
    }

    @Test
    void clusterInputsReachTheEngineEnvironment() throws Exception {
        Files.createDirectories(workspace.resolve("kube"));
        Files.writeString(workspace.resolve("kube/config"), "apiVersion: v1\n");
        env.put("INPUT_CLUSTER-NAME", "prod");
        env.put("INPUT_AWS-REGION", "eu-west-1");
        assertEquals(Map.of("EKS_CLUSTER_NAME", "prod", "AWS_REGION", "eu-west-1"), ActionInputs.read(env).engineEnv());

        env.remove("INPUT_CLUSTER-NAME");
        env.put("INPUT_KUBECONFIG", "kube/config");
        assertEquals(Map.of("AWS_REGION", "eu-west-1", "KUBECONFIG", workspace.resolve("kube/config").toString()),
                ActionInputs.read(env).engineEnv());

        env.put("INPUT_CLUSTER-NAME", "prod");
        ActionInputs.Invalid both = assertThrows(ActionInputs.Invalid.class, () -> ActionInputs.read(env));
        assertEquals(List.of(new Problem("kubeconfig",
                "give either kubeconfig or cluster-name, not both: they name two clusters")), both.problems());
    }

    @Test
    void stopAlarmsAreAddedToTheEnvironmentsOwnAndMalformedOnesAreProblems() throws Exception {
        String deployed = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:errors";
        String own = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:latency";
        env.put("CHAOS_STOP_ALARMS", deployed);
        env.put("INPUT_STOP-ALARMS", own + "\n");
        assertEquals(Map.of("CHAOS_STOP_ALARMS", deployed + "," + own), ActionInputs.read(env).engineEnv());

        env.put("INPUT_STOP-ALARMS", "latency");
        ActionInputs.Invalid invalid = assertThrows(ActionInputs.Invalid.class, () -> ActionInputs.read(env));
        assertEquals(List.of(new Problem("stop-alarms",
                "'latency' is not a CloudWatch alarm ARN (arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME)")),
                invalid.problems());
    }

    @Test
    void malformedPathsAndUrisAreProblems() throws Exception {
        Files.createDirectories(workspace.resolve("out"));
        env.put("INPUT_JOURNAL-PATH", "out");
        env.put("INPUT_JOURNAL-S3-URI", "https://bucket/key");
        env.put("INPUT_VAR-FILE", "missing.env");
        ActionInputs.Invalid invalid = assertThrows(ActionInputs.Invalid.class, () -> ActionInputs.read(env));
        assertEquals(List.of(
                new Problem("var-file", "no file at 'missing.env' in the workspace (did the job check out the repository?)"),
                new Problem("journal-path", "'" + workspace.resolve("out") + "' is a directory, not a file name"),
                new Problem("journal-s3-uri", "expected s3://bucket or s3://bucket/prefix, got 'https://bucket/key'")),
                invalid.problems());
    }

    @Test
    void theS3UriNamesABucketAndAPrefix() {
        assertEquals(new S3Target("journals", ""), S3Target.parse("s3://journals"));
        assertEquals(new S3Target("journals", ""), S3Target.parse("s3://journals/"));
        assertEquals(new S3Target("journals", "github/chaos/"), S3Target.parse("s3://journals/github/chaos"));
        assertEquals(new S3Target("journals", "github/"), S3Target.parse("s3://journals/github/"));
        assertThrows(IllegalArgumentException.class, () -> S3Target.parse("s3:///key"));
    }

    @Test
    void exitCodesForgiveOnlyADeviation() {
        assertEquals(0, GitHubAction.exitCode("completed", false, true));
        assertEquals(1, GitHubAction.exitCode("completed", true, true));
        assertEquals(0, GitHubAction.exitCode("completed", true, false));
        for (String status : List.of("failed", "aborted", "interrupted")) {
            assertEquals(1, GitHubAction.exitCode(status, false, false), status);
            assertEquals(1, GitHubAction.exitCode(status, true, false), status);
        }
    }
}
