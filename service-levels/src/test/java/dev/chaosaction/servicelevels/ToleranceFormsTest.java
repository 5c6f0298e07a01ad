package dev.chaosaction.servicelevels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chaosaction.config.Overrides;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.policy.EgressPolicy;
import dev.chaosaction.run.Engine;
import dev.chaosaction.run.EngineOptions;
import dev.chaosaction.run.RunControl;
import dev.chaosaction.run.RunListener;
import dev.chaosaction.run.RunSettings;
import dev.chaosaction.value.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The tolerance forms the README recommends for {@code measure}, judged by the engine on real measurements. */
@Timeout(60)
class ToleranceFormsTest {
    private Target target;
    private final Engine engine = new Engine(EngineOptions.of(Map.of(),
            List.of(ServiceLevels.libraryFactory(EgressPolicy.OPEN))));

    @BeforeEach
    void start() throws Exception {
        target = new Target(4);
    }

    @AfterEach
    void stop() {
        target.close();
    }

    @Test
    void objectivesMetAsAJsonpathTolerance() throws Exception {
        String met = "{\"type\": \"jsonpath\", \"path\": \"$.objectives_met\", \"expect\": true}";
        assertEquals(true, hypothesisMet(met, "{\"p99_ms\": 5000, \"error_rate\": 0.01}", "{\"delay_ms\": 0}"));
        assertEquals(false, hypothesisMet(met, "{\"p99_ms\": 5000, \"error_rate\": 0.01}", "{\"status\": 500}"));
    }

    @Test
    void oneFigureAsARangeToleranceWithTarget() throws Exception {
        String range = "{\"type\": \"range\", \"range\": [0, 0.01], \"target\": \"error_rate\"}";
        assertEquals(true, hypothesisMet(range, "null", "{\"delay_ms\": 0}"));
        assertEquals(false, hypothesisMet(range, "null", "{\"status\": 503}"));
    }

    private boolean hypothesisMet(String tolerance, String objectives, String body) throws Exception {
        String experiment = """
                {"title": "t", "description": "d",
                 "steady-state-hypothesis": {"title": "fast enough", "probes": [{"type": "probe", "name": "slo",
                   "tolerance": %s,
                   "provider": {"type": "python", "module": "chaosaction.service_levels.probes", "func": "measure",
                     "arguments": {"url": "%s", "requests": 10, "rate": 100, "method": "POST", "body": %s,
                                   "objectives": %s}}}]},
                 "method": []}""".formatted(tolerance, target.url(), Json.write(body), objectives);
        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) Json.parse(experiment);
        Journal journal = engine.run(engine.prepare(document, Overrides.NONE, true), RunSettings.DEFAULTS,
                RunListener.NONE, new RunControl(), "run");
        return journal.before().met();
    }
}
