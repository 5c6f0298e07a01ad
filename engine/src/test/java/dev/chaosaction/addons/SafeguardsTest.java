package dev.chaosaction.addons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.config.Overrides;
import dev.chaosaction.control.ControlLibrary;
import dev.chaosaction.experiment.HypothesisStrategy;
import dev.chaosaction.experiment.RollbackStrategy;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.RunItem;
import dev.chaosaction.run.Engine;
import dev.chaosaction.run.EngineOptions;
import dev.chaosaction.run.RunControl;
import dev.chaosaction.run.RunListener;
import dev.chaosaction.run.RunSettings;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.Runs;
import dev.chaosaction.testing.TestFunctions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code chaosaddons.controls.safeguards} as runs meet it, compared with Chaos Toolkit 1.19 + chaostoolkit-addons
 * 0.11 on the same loopback server: a failing pre-check or a failing repeated probe ends the run
 * {@code interrupted}, the rollbacks play (strategy {@code always}), nothing further starts.
 */
@Timeout(30)
class SafeguardsTest {
    private final LocalServer server = new LocalServer()
            .reply("/ok", LocalServer.Reply.json(200, "{\"status\": \"UP\"}"))
            .reply("/bad", LocalServer.Reply.json(500, "{\"status\": \"DOWN\"}"));
    private final String id = UUID.randomUUID().toString();

    @AfterEach
    void close() {
        server.close();
    }

    private Journal run(String safeguards, String method) throws Exception {
        Engine engine = new Engine(EngineOptions.of(Map.of(), List.of(TestFunctions.factory()))
                .withControls(new ControlLibrary(List.of(new SafeguardsControl()))));
        String experiment = """
                {"title": "t", "description": "d",
                 "controls": [{"name": "safeguard", "provider": {"type": "python",
                   "module": "chaosaddons.controls.safeguards", "arguments": {"probes": [%s]}}}],
                 "steady-state-hypothesis": {"title": "h", "probes": [{"name": "ok", "type": "probe",
                   "tolerance": 200, "provider": {"type": "http", "url": "%s"}}]},
                 "method": [%s],
                 "rollbacks": [%s]}""".formatted(safeguards, server.url("/ok"), method, tick("action", "r", ""));
        RunSettings always = new RunSettings(null, RollbackStrategy.ALWAYS, HypothesisStrategy.DEFAULT, 1.0, false,
                null, Duration.ZERO);
        return engine.run(engine.prepare(Runs.parse(experiment), Overrides.NONE, true), always, RunListener.NONE,
                new RunControl(), "run-" + id);
    }

    private String http(String name, String path, String extra) {
        return """
                {"name": "%s", "type": "probe", "tolerance": 200%s,
                 "provider": {"type": "http", "url": "%s"}}""".formatted(name, extra, server.url(path));
    }

    private String tick(String type, String counter, String extra) {
        return TestFunctions.tickActivity(type, counter, id + counter, extra);
    }

    private int ticks(String counter) {
        return TestFunctions.ticks(id + counter);
    }

    private static List<String> names(List<RunItem> items) {
        return items.stream().map(i -> (String) i.activity().get("name")).toList();
    }

    @Test
    void aFailingPreCheckStopsTheRunBeforeItsFirstActivityAndTheRollbacksPlay() throws Exception {
        Journal journal = run(http("healthy", "/ok", "") + "," + http("pre", "/bad", ""), tick("action", "a", ""));

        assertEquals("interrupted", journal.status());
        assertEquals("safeguard 'pre' triggered the end of the experiment: its tolerance was not met",
                journal.reason());
        assertNull(journal.before(), "the hypothesis never ran");
        // The failing pre-check cancels the healthy one if it is still in flight: at most that one called /ok.
        assertTrue(server.calls("/ok") <= 1, "the hypothesis never called /ok");
        assertEquals(List.of(), journal.run());
        assertEquals(0, ticks("a"));
        assertEquals(List.of("r"), names(journal.rollbacks()));
    }

    @Test
    void aRepeatedProbeThatStartsFailingCancelsThePauseInFlightAndNothingFurtherStarts() throws Exception {
        // The safeguard succeeds twice, then fails; a1 pauses 60 s after it runs (the test's timeout is 30 s).
        String guard = """
                {"name": "guard", "type": "probe", "frequency": 0.2, "tolerance": {"type": "range", "range": [0, 99]},
                 "provider": {"type": "python", "module": "test.fn", "func": "fail_after",
                              "arguments": {"name": "%s", "times": 2}}}""".formatted(id + "guard");
        Journal journal = run(guard, tick("action", "a1", ", \"pauses\": {\"after\": 60}") + ","
                + tick("action", "a2", ""));

        assertEquals("interrupted", journal.status());
        assertEquals("safeguard 'guard' triggered the end of the experiment: call 3 failed", journal.reason());
        assertEquals(List.of("a1"), names(journal.run()));
        assertEquals(0, ticks("a2"));
        assertNull(journal.after(), "no hypothesis after an interruption");
        assertEquals(List.of("r"), names(journal.rollbacks()));
    }

    @Test
    void healthySafeguardsLetTheRunCompleteAndStopWithIt() throws Exception {
        String guards = http("pre", "/ok", "") + "," + http("once", "/ok", ", \"background\": true") + ","
                + tick("probe", "every", ", \"frequency\": 0.05, \"tolerance\": {\"type\": \"range\", \"range\": [0, 1000000]}");
        Journal journal = run(guards, tick("action", "a", ", \"pauses\": {\"after\": 0.3}"));

        assertEquals("completed", journal.status());
        assertEquals(List.of("a"), names(journal.run()));
        int atEnd = ticks("every");
        Thread.sleep(300);
        assertEquals(atEnd, ticks("every"), "the repeated safeguard stopped with the run");
    }
}
