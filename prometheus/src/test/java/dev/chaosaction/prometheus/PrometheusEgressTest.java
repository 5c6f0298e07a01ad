package dev.chaosaction.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.config.Overrides;
import dev.chaosaction.experiment.ExperimentLoader;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.policy.EgressPolicy;
import dev.chaosaction.policy.EnvPolicy;
import dev.chaosaction.policy.FunctionPolicy;
import dev.chaosaction.policy.TrustPolicy;
import dev.chaosaction.run.Engine;
import dev.chaosaction.run.EngineOptions;
import dev.chaosaction.run.Prepared;
import dev.chaosaction.run.RunControl;
import dev.chaosaction.run.RunListener;
import dev.chaosaction.run.RunSettings;
import dev.chaosaction.testing.LocalServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where the experiment's author is not the operator (the Lambda, the Action), a Prometheus URL is egress like
 * any other: the experiment names the server in its configuration, and the deployment's policy decides.
 */
class PrometheusEgressTest {
    private static final String EXPERIMENT = """
            {"title": "t", "description": "d",
             "configuration": {"prometheus_base_url": "%s"},
             "method": [{"type": "probe", "name": "q", "provider": {"type": "python",
               "module": "chaosprometheus.probes", "func": "query", "arguments": {"query": "up"}}}]}""";

    @Test
    void aServerTheDeploymentDoesNotAllowIsNeverAsked() throws Exception {
        try (LocalServer metadata = new LocalServer()) {
            metadata.reply("/api/v1/query", LocalServer.Reply.json(200, "{\"status\": \"success\"}"));
            EgressPolicy deployed = EgressPolicy.deployed("", null, false, false, "CHAOS_EGRESS_ALLOW");

            Map<String, Object> item = run(metadata, new TrustPolicy(EnvPolicy.OPEN, deployed, FunctionPolicy.OPEN));

            assertEquals("failed", item.get("status"));
            String exception = String.valueOf(item.get("exception"));
            assertTrue(exception.contains("CHAOS_EGRESS_ALLOW"), exception);
            assertEquals(List.of(), metadata.requests());
        }
    }

    @Test
    void onTheCommandLineTheSameServerAnswers() throws Exception {
        try (LocalServer server = new LocalServer()) {
            server.reply("/api/v1/query", LocalServer.Reply.json(200, "{\"status\": \"success\"}"));

            Map<String, Object> item = run(server, TrustPolicy.OPEN);

            assertEquals("succeeded", item.get("status"));
            assertEquals(Map.of("status", "success"), item.get("output"));
            assertEquals("query=up", server.requests().getFirst().query());
        }
    }

    private static Map<String, Object> run(LocalServer server, TrustPolicy policy) throws Exception {
        Engine engine = new Engine(EngineOptions.of(Map.of(), List.of(Prometheus.libraryFactory()))
                .withPolicy(policy));
        Prepared prepared = engine.prepare(ExperimentLoader.parse(EXPERIMENT.formatted(server.url("")),
                ExperimentLoader.Format.JSON), Overrides.NONE, true);
        Journal journal = engine.run(prepared, RunSettings.DEFAULTS, RunListener.NONE, new RunControl(), "egress");
        return journal.run().getFirst().toMap();
    }
}
