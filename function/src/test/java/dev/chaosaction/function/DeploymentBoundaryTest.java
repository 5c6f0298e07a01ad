package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.testing.LocalServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What an invoker cannot decide in the Lambda: the cluster, where experiments come from, and a run id that would
 * pre-empt a scheduled firing. Each attack is refused {@code invalid} with its path, and nothing runs.
 */
@Timeout(60)
class DeploymentBoundaryTest {
    private final S3TestServer s3 = new S3TestServer().bucket(Harness.BUCKET).bucket("elsewhere");
    private final LocalServer app = new LocalServer().reply("/health", Reply.json(200, "{}"));

    @AfterEach
    void stop() {
        app.close();
        s3.close();
    }

    private Harness function() {
        return Harness.s3(s3, Map.of(FunctionConfig.EXPERIMENTS_PREFIX, "s3://" + Harness.BUCKET + "/experiments/"));
    }

    private String experiment() {
        return Samples.probeOnly(app.url("/health"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> paths(Map<String, Object> response) {
        assertEquals("invalid", response.get("status"), String.valueOf(response));
        return ((List<Map<String, Object>>) response.get("errors")).stream().map(e -> (String) e.get("path"))
                .collect(Collectors.toList());
    }

    @Test
    void thePayloadCannotPickTheCluster() {
        Map<String, Object> response = function().invoke("{\"experiment\": " + experiment() + ", \"configuration\": "
                + "{\"kubeconfig\": \"/tmp/theirs\", \"eks_cluster_name\": \"prod\", \"aws_region\": \"eu-west-1\","
                + " \"kubernetes_insecure_skip_tls_verify\": true, \"kubernetes_context\": \"other\"}}");

        assertEquals(List.of("/configuration/kubeconfig", "/configuration/kubernetes_context",
                "/configuration/eks_cluster_name", "/configuration/aws_region",
                "/configuration/kubernetes_insecure_skip_tls_verify"), paths(response));
        assertEquals(0, app.calls("/health"));
    }

    @Test
    void norCanTheExperimentItCarries() {
        String experiment = experiment().replaceFirst("\\{", "{\"configuration\": {\"eks_cluster_name\": \"prod\"},");

        assertEquals(List.of("/experiment/configuration/eks_cluster_name"),
                paths(function().invoke("{\"experiment\": " + experiment + "}")));
        assertEquals(List.of("/configuration/eks_cluster_name"), paths(function().invoke(experiment)));
        assertEquals(0, app.calls("/health"));
    }

    @Test
    void anS3ExperimentOutsideTheExperimentsPrefixIsRefused() {
        s3.put(Harness.BUCKET, "experiments/ok.json", experiment());
        s3.put(Harness.BUCKET, "journals/planted.json", experiment());
        s3.put("elsewhere", "experiments/ok.json", experiment());
        Harness function = function();

        for (String outside : List.of("s3://journals/journals/planted.json", "s3://elsewhere/experiments/ok.json",
                "s3://journals/experimentsX/ok.json")) {
            Map<String, Object> response = function.invoke("{\"experiment\": \"" + outside + "\"}");
            assertEquals(List.of("/experiment"), paths(response), outside);
        }
        assertEquals(0, app.calls("/health"));
        assertEquals("completed", function.invoke("{\"experiment\": \"s3://journals/experiments/ok.json\"}")
                .get("status"));
    }

    @Test
    void aChosenRunIdCannotTakeAScheduledFiringsId() {
        String firing = UUID.nameUUIDFromBytes("arn:aws:scheduler:eu-west-1:1:schedule/default/nightly 2099-01-01T10:00:00Z"
                .getBytes(StandardCharsets.UTF_8)).toString();

        assertEquals(List.of("/runId"), paths(function().invoke("{\"experiment\": " + experiment() + ", \"runId\": \""
                + firing + "\"}")));
        assertEquals(0, app.calls("/health"));
    }

    @Test
    void aFiringStillToComeCannotBeClaimed() {
        assertEquals(List.of("/scheduledTime"), paths(function().invoke("{\"experiment\": " + experiment()
                + ", \"scheduleArn\": \"arn:aws:scheduler:eu-west-1:1:schedule/default/nightly\","
                + " \"scheduledTime\": \"2099-01-01T10:00:00Z\"}")));
        assertEquals(List.of("/time"), paths(function().invoke("{\"id\": \"e-1\", \"detail-type\": \"Scheduled Event\","
                + " \"time\": \"2099-01-01T10:00:00Z\", \"resources\": [\"arn:aws:events:eu-west-1:1:rule/r\"],"
                + " \"detail\": " + experiment() + "}")));
        assertEquals(0, app.calls("/health"));
    }

    @Test
    void anEventWhoseIdLooksDerivedGetsAnotherRunId() throws Exception {
        String firing = UUID.nameUUIDFromBytes("arn:s t1".getBytes(StandardCharsets.UTF_8)).toString();
        String event = "{\"id\": \"" + firing + "\", \"detail-type\": \"deploy finished\", \"detail\": "
                + experiment() + "}";

        String runId = Payloads.parse(event.getBytes(StandardCharsets.UTF_8)).runId("lambda-request");

        assertNotEquals(firing, runId);
        assertEquals(UUID.nameUUIDFromBytes(("event " + firing).getBytes(StandardCharsets.UTF_8)).toString(), runId);
    }
}
