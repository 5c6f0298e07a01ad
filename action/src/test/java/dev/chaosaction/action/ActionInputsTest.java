package dev.chaosaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.cli.FailOn;
import dev.chaosaction.experiment.Dry;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.journal.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        assertEquals(FailOn.parse("not-held"), inputs.failOn());
        assertNull(inputs.dry());
        assertNull(inputs.rollbackStrategy());
        assertEquals(Map.of(), inputs.engineEnv());
        assertEquals("chaos-journal.json", inputs.forWorkflow(inputs.journalPath()));
        assertEquals("/elsewhere/j.json", inputs.forWorkflow(Path.of("/elsewhere/j.json")));
    }

    @Test
    void pathsThatLeaveTheWorkspaceAreRefusedLinksIncluded(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("secrets.env"), "GITHUB_TOKEN=ghs_x\n");
        Files.createSymbolicLink(workspace.resolve("linked"), outside);
        Files.createSymbolicLink(workspace.resolve("vars.env"), outside.resolve("secrets.env"));
        String escape = "../" + outside.getFileName() + "/secrets.env";
        env.put("INPUT_EXPERIMENT", escape);
        env.put("INPUT_VAR-FILE", "vars.env");
        env.put("INPUT_KUBECONFIG", outside.resolve("secrets.env").toString());
        env.put("INPUT_JOURNAL-PATH", "linked/journal.json");

        ActionInputs.Invalid invalid = assertThrows(ActionInputs.Invalid.class, () -> ActionInputs.read(env));

        String outsideMessage = "is outside the workspace (after following links): the action reads and writes "
                + "files of the checked-out repository only";
        assertEquals(List.of(new Problem("experiment", "'" + escape + "' " + outsideMessage),
                new Problem("var-file", "'vars.env' " + outsideMessage),
                new Problem("journal-path", "'linked/journal.json' " + outsideMessage),
                new Problem("kubeconfig", "'" + outside.resolve("secrets.env") + "' " + outsideMessage)),
                invalid.problems());
        assertTrue(Files.notExists(outside.resolve("journal.json")));
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
        assertEquals(FailOn.parse("not-held").forgivingDeviation(), inputs.failOn());
        assertFalse(inputs.failOn().fails(Verdict.DEVIATED, "completed", true));
        assertTrue(inputs.failOn().fails(Verdict.NOT_INJECTED, "completed", false));
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
    void theTrustInputsDefaultToTheNarrowPolicyAndBadOnesAreProblems() throws Exception {
        ActionInputs inputs = ActionInputs.read(env);
        assertEquals(Set.of("http", "python"), inputs.allowedProviders());
        assertFalse(inputs.policy().env().isOpen());
        assertFalse(inputs.policy().egress().isOpen());
        env.put("INPUT_ALLOWED-PROVIDERS", "http,shell");
        env.put("INPUT_EGRESS-ALLOW", "10.0.0.0/33");
        env.put("INPUT_EGRESS-REDIRECTS", "anywhere");
        ActionInputs.Invalid invalid = assertThrows(ActionInputs.Invalid.class, () -> ActionInputs.read(env));
        assertEquals(List.of("allowed-providers", "egress-redirects", "egress-allow"),
                invalid.problems().stream().map(Problem::path).toList());
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
    void failOnNamesTheVerdictsThatFailTheStep() throws Exception {
        FailOn byDefault = ActionInputs.read(env).failOn();
        for (Verdict verdict : Verdict.values()) {
            assertEquals(verdict != Verdict.HELD, byDefault.fails(verdict, "completed", false), verdict.value());
        }
        FailOn ctk = FailOn.parse("chaostoolkit");
        assertFalse(ctk.fails(Verdict.NOT_INJECTED, "completed", false), "Chaos Toolkit's exit code");
        assertTrue(ctk.fails(Verdict.DEVIATED, "completed", true));
        assertTrue(ctk.fails(Verdict.ABORTED, "aborted", false));
        assertFalse(FailOn.parse("never").fails(Verdict.ABORTED, "aborted", false));
        FailOn some = FailOn.parse(" deviated , unhealthy-before");
        assertTrue(some.fails(Verdict.UNHEALTHY_BEFORE, "completed", false));
        assertFalse(some.fails(Verdict.NOT_INJECTED, "completed", false));

        env.put("INPUT_FAIL-ON", "deviated,sometimes");
        ActionInputs.Invalid invalid = assertThrows(ActionInputs.Invalid.class, () -> ActionInputs.read(env));
        assertEquals(List.of(new Problem("fail-on", "unknown rule 'sometimes', expected " + FailOn.VALUES)),
                invalid.problems());
    }
}
