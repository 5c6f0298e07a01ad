package dev.chaosaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.LocalServer.Reply;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack: a pull request's experiment turns the load probe on the runner's own loopback (a local service, a
 * metadata endpoint). With the action's defaults the egress policy refuses it and nothing is sent.
 */
class LoadProbeEgressTest {
    @TempDir
    Path temp;

    private final LocalServer target = new LocalServer().reply("/", Reply.text(200, "ok"));

    @AfterEach
    void stop() {
        target.close();
    }

    @Test
    void aLoadProbeAimedAtLoopbackIsRefusedWithTheActionsDefaults() throws Exception {
        ActionProcess action = new ActionProcess(temp).input("egress-allow", "").input("experiment", "chaos/pr.json");
        action.file("chaos/pr.json", """
                {"title": "load", "description": "d",
                 "steady-state-hypothesis": {"title": "h", "probes": [{"type": "probe", "name": "slo",
                   "tolerance": {"type": "jsonpath", "path": "$.objectives_met", "expect": true},
                   "provider": {"type": "python", "module": "chaosaction.service_levels.probes", "func": "measure",
                     "arguments": {"url": "%s", "requests": 50, "rate": 100}}}]},
                 "method": []}""".formatted(target.url("/")));
        ActionProcess.Result result = action.run();
        assertTrue(result.stdout().contains("the steady state was not met before the method"), result.stdout());
        assertTrue(result.stdout().contains("is refused"), result.stdout());
        assertEquals(List.of(), target.requests(), "the loopback server received: " + target.requests());
    }
}
