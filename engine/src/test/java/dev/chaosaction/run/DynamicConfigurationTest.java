package dev.chaosaction.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chaosaction.journal.Journal;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.Runs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dynamic configuration side by side with Chaos Toolkit 1.19: the same experiment (process and HTTP probes)
 * printed {@code hello,hello-x,,v,,{status: UP}} there.
 */
class DynamicConfigurationTest {

    @Test
    void probesFillTheirKeysInOrderWithWhatIsResolvedAboveThemAndFailuresLeaveTheKeyOut() {
        try (LocalServer server = new LocalServer()) {
            server.reply("/ok", LocalServer.Reply.json(200, "{\"status\": \"UP\"}"));
            Journal journal = Runs.run("""
                    {"title": "t", "description": "d",
                     "configuration": {
                       "greeting": {"type": "probe", "name": "g",
                                    "provider": {"type": "process", "path": "echo", "arguments": "hello"}},
                       "second": {"type": "probe", "name": "s",
                                  "provider": {"type": "process", "path": "echo", "arguments": "${greeting}-x"}},
                       "early": {"type": "probe", "name": "e",
                                 "provider": {"type": "process", "path": "echo", "arguments": "${later}"}},
                       "later": "v",
                       "failing": {"type": "probe", "name": "f", "provider": {"type": "process", "path": "false"}},
                       "web": {"type": "probe", "name": "w", "provider": {"type": "http", "url": "%s"}}},
                     "method": [{"name": "show", "type": "action", "provider": {"type": "process", "path": "echo",
                       "arguments": "${greeting},${second},${early},${later},${failing},${web}"}}]}"""
                    .formatted(server.url("/ok")), RunSettings.DEFAULTS);

            assertEquals("completed", journal.status());
            @SuppressWarnings("unchecked")
            Map<String, Object> output = (Map<String, Object>) journal.run().getFirst().output();
            assertEquals("hello,hello-x,,v,,{status: UP}\n", output.get("stdout"));
            assertEquals(1, server.calls("/ok"), "each dynamic entry runs once, before the experiment");
        }
    }

    @Test
    void aDynamicEntryIsValidatedAsTheProbeItIs() {
        var problems = org.junit.jupiter.api.Assertions.assertThrows(
                dev.chaosaction.experiment.InvalidExperimentException.class, () -> Runs.prepare("""
                        {"title": "t", "description": "d", "method": [],
                         "configuration": {"x": {"type": "probe", "name": "x", "provider": {"type": "process"}}}}"""))
                .problems();

        assertEquals("/configuration/x/provider/path", problems.getFirst().path());
    }
}
