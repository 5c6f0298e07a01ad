package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.policy.EgressPolicy;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.LocalServer.Reply;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request's {@code experiment} as an http(s) URL: fetched as Chaos Toolkit does, never into the function's own machine. */
class ExperimentUrlTest {
    private static final String EXPERIMENT = Samples.probeOnly("http://127.0.0.1:1/never-called");
    private final LocalServer server = new LocalServer()
            .reply("/2018-06-01/runtime/invocation/next", Reply.json(200, EXPERIMENT))
            .reply("/e.json", Reply.json(200, EXPERIMENT))
            .reply("/moved", new Reply(302, "text/plain", "", 0));
    @TempDir
    Path journals;

    @AfterEach
    void stop() {
        server.close();
    }

    private static String message(Map<String, Object> response) {
        assertEquals("invalid", response.get("status"), response::toString);
        return String.valueOf(((Map<?, ?>) ((List<?>) response.get("errors")).getFirst()).get("message"));
    }

    /** The attack: a request naming the Lambda Runtime API (on loopback) to read the next invocation. */
    @Test
    void aUrlOnTheFunctionsOwnMachineIsRefusedUnfetched() {
        String runtimeApi = server.url("/2018-06-01/runtime/invocation/next");
        for (String url : List.of(runtimeApi, runtimeApi.replace("127.0.0.1", "localhost"))) {
            String message = message(Harness.directory(journals).invoke("{\"experiment\": \"" + url + "\"}"));
            assertTrue(message.contains("an address of the function's own machine"), message);
        }
        assertEquals(0, server.calls("/2018-06-01/runtime/invocation/next"));
    }

    @Test
    void anExperimentIsFetchedWithTheDeploymentsAuthForItsHostOnly() throws Exception {
        String host = server.url("").replaceFirst("^http://", "");
        Map<String, String> env = Map.of(ExperimentUrlClient.AUTHS,
                "{\"" + host + "\": {\"type\": \"bearer\", \"value\": \"deploy-token\"}}");
        Map<String, Object> experiment = ExperimentUrlClient.of(env, EgressPolicy.OPEN, false).load(server.url("/e.json"));
        assertEquals("Checkout stays up", experiment.get("title"));
        assertEquals(List.of("bearer deploy-token"), server.requests().getLast().headers().get("Authorization"));
        ExperimentUrlClient.of(Map.of(ExperimentUrlClient.AUTHS, "{\"other.test\": {\"type\": \"basic\", \"value\": \"x\"}}"),
                EgressPolicy.OPEN, false).load(server.url("/e.json"));
        assertEquals(null, server.requests().getLast().headers().get("Authorization"));
    }

    @Test
    void aRedirectIsNotFollowed() {
        InvalidExperimentException e = assertThrows(InvalidExperimentException.class,
                () -> ExperimentUrlClient.of(Map.of(), EgressPolicy.OPEN, false).load(server.url("/moved")));
        assertEquals("cannot load the experiment from " + server.url("/moved") + ": the server answered HTTP 302",
                e.problems().getFirst().message());
    }

    /** The deployment's egress allow-list narrows where experiments come from too: nothing reaches another host. */
    @Test
    void anExperimentUrlOutsideTheEgressAllowListIsRefusedUnfetched() {
        EgressPolicy onlyElsewhere = EgressPolicy.deployed("experiments.example.com", null, true, false,
                FunctionConfig.EGRESS_ALLOW);
        InvalidExperimentException e = assertThrows(InvalidExperimentException.class,
                () -> ExperimentUrlClient.of(Map.of(), onlyElsewhere, false).load(server.url("/e.json")));
        assertTrue(e.problems().getFirst().message().contains(FunctionConfig.EGRESS_ALLOW), e.problems()::toString);
        assertEquals(0, server.calls("/e.json"));
    }
}
