package dev.chaosaction.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.experiment.Dry;
import dev.chaosaction.experiment.HypothesisStrategy;
import dev.chaosaction.experiment.RollbackStrategy;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.RunItem;
import dev.chaosaction.journal.Verdict;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.testing.Runs;
import dev.chaosaction.testing.TestFunctions;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Run semantics against Chaos Toolkit's status table (ctk-spec.md §6), strategy by strategy. */
@Timeout(30)
class RunnerTest {
    private final LocalServer server = new LocalServer()
            .reply("/health", Reply.json(200, "{\"status\": \"UP\"}"))
            .reply("/down", Reply.json(503, "{\"status\": \"DOWN\"}"))
            .reply("/slow", Reply.json(200, "{}").delayed(20_000))
            .reply("/health-slowly", Reply.json(200, "{\"status\": \"UP\"}").delayed(400));
    private final String id = UUID.randomUUID().toString();

    @AfterEach
    void stop() {
        server.close();
    }

    // --- building experiments -------------------------------------------------------------------------

    private String httpProbe(String name, String path, String tolerance) {
        return """
                {"type": "probe", "name": "%s", "tolerance": %s,
                 "provider": {"type": "http", "url": "%s", "timeout": 30}}""".formatted(name, tolerance, server.url(path));
    }

    private String fn(String type, String name, String func, String arguments) {
        return fn(type, name, func, arguments, "");
    }

    /** An activity calling {@link TestFunctions}; {@code extra} adds activity keys ({@code , "tolerance": 1}). */
    private String fn(String type, String name, String func, String arguments, String extra) {
        return """
                {"type": "%s", "name": "%s"%s,
                 "provider": {"type": "python", "module": "test.fn", "func": "%s", "arguments": %s}}"""
                .formatted(type, name, extra, func, arguments);
    }

    private String tick(String type, String counter) {
        return tick(type, counter, "");
    }

    private String tick(String type, String counter, String extra) {
        return fn(type, counter, "tick", "{\"name\": \"" + id + counter + "\"}", extra);
    }

    private int ticks(String counter) {
        return TestFunctions.ticks(id + counter);
    }

    private static String experiment(String probes, String method, String rollbacks) {
        return """
                {"title": "t", "description": "d",
                 "steady-state-hypothesis": {"title": "h", "probes": [%s]},
                 "method": [%s], "rollbacks": [%s]}""".formatted(probes, method, rollbacks);
    }

    private static RunSettings settings(HypothesisStrategy h, RollbackStrategy r) {
        return new RunSettings(null, r, h, 0.05, false, null, Duration.ZERO);
    }

    // --- the status table ------------------------------------------------------------------------------

    @Test
    void completedWhenTheSteadyStateHolds() {
        Journal j = Runs.run(experiment(httpProbe("up", "/health", "200"), tick("action", "m"), tick("action", "r")),
                RunSettings.DEFAULTS);
        assertEquals("completed", j.status());
        assertFalse(j.deviated());
        assertTrue(j.before().met());
        assertTrue(j.after().met());
        assertEquals(1, ticks("m"));
        assertEquals(1, ticks("r"));
        assertEquals(2, server.calls("/health"));
    }

    @Test
    void unmetBeforeSkipsTheMethodButIsCompletedAndRollsBack() {
        Journal j = Runs.run(experiment(httpProbe("up", "/down", "200"), tick("action", "m"), tick("action", "r")),
                RunSettings.DEFAULTS);
        assertEquals("completed", j.status());
        assertFalse(j.deviated());
        assertFalse(j.before().met());
        assertNull(j.after());
        assertEquals(0, ticks("m"));
        assertEquals(1, ticks("r"), "Chaos Toolkit's code plays rollbacks here, whatever its docs say");
    }

    @Test
    void aFailedProbeBeforeFailsTheRunAndDefaultSkipsRollbacks() {
        Journal j = Runs.run(experiment(fn("probe", "p", "fail", "{}", ", \"tolerance\": true"),
                tick("action", "m"), tick("action", "r")), RunSettings.DEFAULTS);
        assertEquals("failed", j.status());
        assertFalse(j.deviated());
        assertEquals(0, ticks("m"));
        assertEquals(0, ticks("r"));
        RunItem probe = j.before().probes().getFirst();
        assertEquals("failed", probe.status());
        assertEquals("failed on purpose", probe.failure());
        assertFalse(probe.toleranceMet());
    }

    @Test
    void unmetAfterDeviatesButStaysCompleted() {
        String probe = tick("probe", "h", ", \"tolerance\": 1");
        Journal j = Runs.run(experiment(probe, tick("action", "m"), tick("action", "r")), RunSettings.DEFAULTS);
        assertEquals("completed", j.status());
        assertTrue(j.deviated());
        assertTrue(j.before().met());
        assertFalse(j.after().met());
        assertEquals(1, ticks("r"));
    }

    @Test
    void aFailedProbeAfterFailsAndDeviates() {
        String probe = fn("probe", "p", "fail_after", "{\"name\": \"" + id + "p\", \"times\": 1}", ", \"tolerance\": 1");
        Journal j = Runs.run(experiment(probe, tick("action", "m"), tick("action", "r")), RunSettings.DEFAULTS);
        assertEquals("failed", j.status());
        assertTrue(j.deviated());
        assertEquals(0, ticks("r"), "default does not roll back a failed run");
    }

    @Test
    void anUnexpectedErrorAbortsTheMethod() {
        String method = fn("action", "b", "boom", "{}") + "," + tick("action", "m");
        Journal j = Runs.run(experiment(httpProbe("up", "/health", "200"), method, tick("action", "r")),
                RunSettings.DEFAULTS);
        assertEquals("aborted", j.status());
        assertTrue(j.reason().contains("boom"), j.reason());
        assertEquals(0, ticks("m"));
        assertNull(j.after());
        assertEquals(1, ticks("r"), "default rolls back an aborted run");
        assertNull(j.run().getFirst().status(), "the crashed item keeps no status");
    }

    @Test
    void aFailedActionDoesNotStopTheMethod() {
        String method = fn("action", "f", "fail", "{\"message\": \"no luck\"}") + "," + tick("action", "m");
        Journal j = Runs.run(experiment(httpProbe("up", "/health", "200"), method, ""), RunSettings.DEFAULTS);
        assertEquals("completed", j.status());
        assertEquals("failed", j.run().get(0).status());
        assertEquals("succeeded", j.run().get(1).status());
        assertEquals(1, ticks("m"));
    }

    // --- rollback strategies ---------------------------------------------------------------------------

    @Test
    void alwaysRollsBackAFailedRun() {
        Journal j = Runs.run(experiment(fn("probe", "p", "fail", "{}", ", \"tolerance\": true"), "",
                tick("action", "r")), settings(HypothesisStrategy.DEFAULT, RollbackStrategy.ALWAYS));
        assertEquals("failed", j.status());
        assertEquals(1, ticks("r"));
    }

    @Test
    void neverRollsBack() {
        Journal j = Runs.run(experiment(httpProbe("up", "/health", "200"), "", tick("action", "r")),
                settings(HypothesisStrategy.DEFAULT, RollbackStrategy.NEVER));
        assertEquals("completed", j.status());
        assertEquals(0, ticks("r"));
        assertTrue(j.rollbacks().isEmpty());
    }

    @Test
    void deviatedRollsBackOnlyADeviatedRun() {
        RunSettings deviated = settings(HypothesisStrategy.DEFAULT, RollbackStrategy.DEVIATED);
        Runs.run(experiment(httpProbe("up", "/health", "200"), "", tick("action", "r")), deviated);
        assertEquals(0, ticks("r"));
        String probe = tick("probe", "h", ", \"tolerance\": 1");
        Journal j = Runs.run(experiment(probe, "", tick("action", "r")), deviated);
        assertTrue(j.deviated());
        assertEquals(1, ticks("r"));
    }

    // --- hypothesis strategies -------------------------------------------------------------------------

    @Test
    void beforeMethodOnlyChecksOnce() {
        Journal j = Runs.run(experiment(httpProbe("up", "/health", "200"), "", ""),
                settings(HypothesisStrategy.BEFORE_METHOD_ONLY, RollbackStrategy.DEFAULT));
        assertTrue(j.before().met());
        assertNull(j.after());
        assertEquals(1, server.calls("/health"));
    }

    @Test
    void afterMethodOnlyChecksAfter() {
        Journal j = Runs.run(experiment(httpProbe("up", "/health", "200"), "", ""),
                settings(HypothesisStrategy.AFTER_METHOD_ONLY, RollbackStrategy.DEFAULT));
        assertNull(j.before());
        assertTrue(j.after().met());
    }

    @Test
    void duringMethodOnlyChecksWhileTheMethodRuns() {
        String method = fn("action", "wait", "echo", "{}", ", \"pauses\": {\"after\": 0.4}");
        Journal j = Runs.run(experiment(httpProbe("up", "/health", "200"), method, ""),
                settings(HypothesisStrategy.DURING_METHOD_ONLY, RollbackStrategy.DEFAULT));
        assertNull(j.before());
        assertNull(j.after());
        assertFalse(j.during().isEmpty());
        assertTrue(j.during().stream().allMatch(s -> s.met()));
    }

    /** Found by the differential suite: the end of the method cut the check in flight short and journaled it unmet. */
    @Test
    void theEndOfTheMethodLetsTheCheckInFlightFinish() {
        Journal j = Runs.run(experiment(httpProbe("up", "/health-slowly", "200"),
                        tick("action", "m", ", \"pauses\": {\"after\": 0.1}"), ""),
                settings(HypothesisStrategy.DURING_METHOD_ONLY, RollbackStrategy.DEFAULT));
        assertEquals(1, j.during().size());
        assertTrue(j.during().getFirst().met());
        assertEquals("succeeded", j.during().getFirst().probes().getFirst().status());
        assertEquals("completed", j.status());
    }

    @Test
    void continuouslyWithFailFastStopsTheMethodAndTheAfterCheckDecides() {
        String probe = tick("probe", "h", ", \"tolerance\": 1");
        String method = fn("action", "wait", "echo", "{}", ", \"pauses\": {\"after\": 0.5}")
                + "," + tick("action", "m");
        RunSettings s = new RunSettings(null, RollbackStrategy.DEFAULT, HypothesisStrategy.CONTINUOUSLY, 0.05, true,
                null, Duration.ZERO);
        Journal j = Runs.run(experiment(probe, method, ""), s);
        assertEquals(0, ticks("m"), "the method stops after the deviation");
        assertTrue(j.deviated());
        assertEquals("completed", j.status(), "the after check resets the status, as in Chaos Toolkit");
    }

    @Test
    void duringMethodOnlyWithFailFastFails() {
        String probe = tick("probe", "h", ", \"tolerance\": 1");
        String method = fn("action", "wait", "echo", "{}", ", \"pauses\": {\"after\": 0.5}")
                + "," + tick("action", "m");
        RunSettings s = new RunSettings(null, RollbackStrategy.DEFAULT, HypothesisStrategy.DURING_METHOD_ONLY, 0.05,
                true, null, Duration.ZERO);
        Journal j = Runs.run(experiment(probe, method, ""), s);
        assertEquals("failed", j.status());
        assertFalse(j.deviated());
        assertEquals(0, ticks("m"));
    }

    @Test
    void skipFromTheRuntimeBlockChecksNothing() {
        String exp = experiment(httpProbe("up", "/health", "200"), tick("action", "m"), "")
                .replace("\"method\"", "\"runtime\": {\"hypothesis\": {\"strategy\": \"skip\"}}, \"method\"");
        RunSettings s = RunSettings.resolve(null, null, null, 1.0, false, Runs.parse(exp));
        Journal j = Runs.run(exp, s);
        assertNull(j.before());
        assertNull(j.after());
        assertEquals(0, server.calls("/health"));
        assertEquals(1, ticks("m"));
    }

    // --- interruption and deadline ---------------------------------------------------------------------

    @Test
    void anInterruptDuringAProbeEndsInterruptedWithoutRollbacksByDefault() {
        String method = httpProbe("slow", "/slow", "200").replace(", \"tolerance\": 200", "");
        Journal j = Runs.run(experiment("", method, tick("action", "r")), RunSettings.DEFAULTS, control ->
                interruptWhenCalled(control, "/slow"));
        assertEquals("interrupted", j.status());
        assertEquals("SIGTERM", j.reason());
        assertNull(j.run().getFirst().status(), "the interrupted item keeps no status");
        assertEquals(0, ticks("r"));
    }

    @Test
    void anInterruptDuringAProbePlaysRollbacksWhenAlways() {
        String method = httpProbe("slow", "/slow", "200").replace(", \"tolerance\": 200", "");
        Journal j = Runs.run(experiment("", method, tick("action", "r")),
                settings(HypothesisStrategy.DEFAULT, RollbackStrategy.ALWAYS),
                control -> interruptWhenCalled(control, "/slow"));
        assertEquals("interrupted", j.status());
        assertEquals(1, ticks("r"));
        assertEquals("succeeded", j.rollbacks().getFirst().status());
    }

    @Test
    void aDeadlineInterruptsALongPauseAndLeavesTimeForRollbacks() {
        String method = fn("action", "wait", "echo", "{}", ", \"pauses\": {\"after\": 60}");
        RunSettings s = settings(HypothesisStrategy.DEFAULT, RollbackStrategy.ALWAYS)
                .withDeadline(Instant.now().plusMillis(1500), Duration.ofMillis(1000));
        Journal j = Runs.run(experiment(httpProbe("up", "/health", "200"), method, tick("action", "r")), s);
        assertEquals("interrupted", j.status());
        assertEquals("deadline reached", j.reason());
        assertEquals(1, ticks("r"));
    }

    private void interruptWhenCalled(RunControl control, String path) {
        Thread.ofVirtual().start(() -> {
            while (server.calls(path) == 0) Thread.onSpinWait();
            control.interrupt("SIGTERM");
        });
    }

    // --- dry modes -------------------------------------------------------------------------------------

    @Test
    void dryActionsRecordsWhatActionsWouldDoWithoutDoingIt() {
        Journal j = Runs.run(experiment(httpProbe("up", "/health", "200"), tick("action", "m"), ""),
                new RunSettings(Dry.ACTIONS, RollbackStrategy.DEFAULT, HypothesisStrategy.DEFAULT, 1, false, null,
                        Duration.ZERO));
        assertEquals(0, ticks("m"));
        assertEquals("succeeded", j.run().getFirst().status());
        assertEquals("would tick " + id + "m", j.run().getFirst().output(), "the function previews its targets");
        assertEquals(2, server.calls("/health"), "probes still run");
        assertEquals("actions", j.experiment().get("dry"));
    }

    @Test
    void dryProbesSkipsProbesAndTolerances() {
        Journal j = Runs.run(experiment(httpProbe("up", "/down", "200"), tick("action", "m"), ""),
                new RunSettings(Dry.PROBES, RollbackStrategy.DEFAULT, HypothesisStrategy.DEFAULT, 1, false, null,
                        Duration.ZERO));
        assertEquals(0, server.calls("/down"));
        assertTrue(j.before().met());
        assertTrue(j.before().probes().getFirst().toleranceMet());
        assertEquals(1, ticks("m"));
    }

    @Test
    void dryActivitiesRunsNothing() {
        Journal j = Runs.run(experiment(httpProbe("up", "/health", "200"), tick("action", "m"), tick("action", "r")),
                new RunSettings(Dry.ACTIVITIES, RollbackStrategy.ALWAYS, HypothesisStrategy.DEFAULT, 1, false, null,
                        Duration.ZERO));
        assertEquals(0, server.calls("/health"));
        assertEquals(0, ticks("m"));
        assertEquals(0, ticks("r"));
        assertEquals("completed", j.status());
    }

    @Test
    @Timeout(10)
    void dryPauseRunsEverythingWithoutPausing() {
        String method = tick("action", "m", ", \"pauses\": {\"before\": 60, \"after\": 60}");
        Journal j = Runs.run(experiment(httpProbe("up", "/health", "200"), method, ""),
                new RunSettings(Dry.PAUSE, RollbackStrategy.DEFAULT, HypothesisStrategy.DEFAULT, 1, false, null,
                        Duration.ZERO));
        assertEquals(1, ticks("m"));
        assertEquals("completed", j.status());
    }

    // --- activities --------------------------------------------------------------------------------------

    @Test
    void backgroundActivitiesRunBesideTheMethodWhichWaitsForThem() {
        String bg = fn("action", "bg", "tick", "{\"name\": \"" + id + "bg\"}", ", \"background\": true, \"pauses\": {\"before\": 0.3}");
        Journal j = Runs.run(experiment("", bg + "," + tick("action", "m"), ""), RunSettings.DEFAULTS);
        assertEquals(1, ticks("bg"));
        assertEquals(1, ticks("m"));
        assertEquals(2, j.run().size());
        assertTrue(j.run().stream().allMatch(i -> "succeeded".equals(i.status())));
    }

    @Test
    void aRefRunsTheNamedProbeAndTheJournalShowsIt() {
        Journal j = Runs.run(experiment(httpProbe("up", "/health", "200"), "{\"ref\": \"up\"}", ""),
                RunSettings.DEFAULTS);
        RunItem item = j.run().getFirst();
        assertEquals("up", item.activity().get("name"));
        assertEquals(200L, ((java.util.Map<?, ?>) item.output()).get("status"));
        assertEquals(3, server.calls("/health"));
    }

    @Test
    void aToleranceThatCannotJudgeItsOutputAbortsWithAReason() {
        String probe = httpProbe("up", "/health", "{\"type\": \"regex\", \"pattern\": \"UP\"}");
        Journal j = Runs.run(experiment(probe, tick("action", "m"), ""), RunSettings.DEFAULTS);
        assertEquals("aborted", j.status());
        assertTrue(j.reason().startsWith("the steady state could not be judged"), j.reason());
        assertEquals(0, ticks("m"));
    }

    // --- verdicts --------------------------------------------------------------------------------------

    private Verdict verdict(String experiment, RunSettings settings) {
        Journal j = Runs.run(experiment, settings);
        assertEquals(j.verdict().verdict().value(), ((java.util.Map<?, ?>) j.toMap().get("chaos-action")).get("verdict"),
                "journaled under chaos-action.verdict");
        return j.verdict().verdict();
    }

    @Test
    void heldOnlyWhenAFaultWasInjectedBetweenTwoMetChecks() {
        String up = httpProbe("up", "/health", "200");
        assertEquals(Verdict.HELD, verdict(experiment(up, tick("action", "m"), ""), RunSettings.DEFAULTS));
        assertEquals(Verdict.UNHEALTHY_BEFORE, verdict(experiment(httpProbe("up", "/down", "200"),
                tick("action", "m"), ""), RunSettings.DEFAULTS));
        assertEquals(Verdict.UNHEALTHY_BEFORE, verdict(experiment(fn("probe", "p", "fail", "{}", ", \"tolerance\": true"),
                tick("action", "m"), ""), RunSettings.DEFAULTS));
        assertEquals(Verdict.DEVIATED, verdict(experiment(tick("probe", "h", ", \"tolerance\": 1"),
                tick("action", "m"), ""), RunSettings.DEFAULTS));
    }

    @Test
    void aFailedActionOrAMethodWithoutActionInjectedNothing() {
        String up = httpProbe("up", "/health", "200");
        Journal failed = Runs.run(experiment(up, fn("action", "kill", "fail", "{\"message\": \"no pod matched\"}")
                + "," + tick("action", "m"), ""), RunSettings.DEFAULTS);
        assertEquals("completed", failed.status(), "Chaos Toolkit's status is unchanged");
        assertEquals(Verdict.NOT_INJECTED, failed.verdict().verdict());
        assertTrue(failed.verdict().why().contains("'kill' failed: no pod matched"), failed.verdict().why());
        assertEquals(Verdict.NOT_INJECTED, verdict(experiment(up, up, ""), RunSettings.DEFAULTS), "only probes");
        assertEquals(Verdict.NOT_INJECTED, verdict(experiment(up, "", ""), RunSettings.DEFAULTS), "no method action");
        assertEquals(Verdict.NOT_INJECTED, verdict(experiment(up, tick("action", "m"), ""),
                new RunSettings(Dry.ACTIONS, RollbackStrategy.DEFAULT, HypothesisStrategy.DEFAULT, 1, false, null,
                        Duration.ZERO)), "a dry run");
    }

    @Test
    void withoutBothChecksAnInjectedFaultIsUnverified() {
        String method = tick("action", "m");
        assertEquals(Verdict.UNVERIFIED, verdict("""
                {"title": "t", "description": "d", "method": [%s]}""".formatted(method), RunSettings.DEFAULTS));
        assertEquals(Verdict.UNVERIFIED, verdict(experiment(httpProbe("up", "/health", "200"), method, ""),
                settings(HypothesisStrategy.BEFORE_METHOD_ONLY, RollbackStrategy.DEFAULT)));
        assertEquals(Verdict.UNVERIFIED, verdict(experiment(httpProbe("up", "/health", "200"), method, ""),
                new RunSettings(Dry.PROBES, RollbackStrategy.DEFAULT, HypothesisStrategy.DEFAULT, 1, false, null,
                        Duration.ZERO)));
    }

    @Test
    void aFailedRollbackOrAnAbortIsNeverHeld() {
        String up = httpProbe("up", "/health", "200");
        assertEquals(Verdict.ROLLBACK_FAILED, verdict(experiment(up, tick("action", "m"), fn("action", "r", "fail", "{}")),
                RunSettings.DEFAULTS));
        assertEquals(Verdict.ABORTED, verdict(experiment(up, fn("action", "b", "boom", "{}"), ""), RunSettings.DEFAULTS));
        assertEquals(Verdict.DEVIATED, verdict(experiment(httpProbe("down", "/down", "200"),
                tick("action", "m", ", \"pauses\": {\"after\": 0.5}"), ""), settings(HypothesisStrategy.DURING_METHOD_ONLY, RollbackStrategy.DEFAULT)),
                "a check during the method not met");
    }
}
