package dev.chaosaction.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chaosaction.experiment.HypothesisStrategy;
import dev.chaosaction.experiment.RollbackStrategy;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.RunItem;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.testing.Runs;
import dev.chaosaction.testing.TestFunctions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run stopped in each of its phases, by a signal ({@link RunControl#interrupt}) or by its deadline
 * ({@link RunSettings#withDeadline}): it always ends {@code interrupted} with a complete journal, the activity
 * in flight recorded without a status, nothing started after it, and the rollbacks played as the strategy says
 * ({@code default}: not for an interrupted run; {@code always}: played). An interruption during the rollbacks
 * does not stop them; a second one, or the hard deadline, does.
 */
@Timeout(60)
class InterruptionTest {
    /** How the run is stopped. */
    enum Stop {
        SIGTERM("SIGTERM"), DEADLINE("deadline reached");

        final String reason;

        Stop(String reason) {
            this.reason = reason;
        }
    }

    /** When the deadline stops a run that is blocked: well after it got there, long before the block ends. */
    private static final Duration SOFT_DEADLINE = Duration.ofSeconds(3);

    private final LocalServer server = new LocalServer()
            .reply("/health", Reply.json(200, "{}"))
            .reply("/slow", Reply.json(200, "{}").delayed(20_000))
            .reply("/slow-action", Reply.json(200, "{}").delayed(20_000))
            .reply("/slow-undo", Reply.json(200, "{}").delayed(20_000))
            .reply("/brief-undo", Reply.json(200, "{}").delayed(2_000))
            .reply("/undo", Reply.json(200, "{}"));
    private final String id = UUID.randomUUID().toString();

    @AfterEach
    void stop() {
        server.close();
    }

    static Stream<Arguments> stopsAndStrategies() {
        return Stream.of(Stop.values()).flatMap(stop -> Stream.of(RollbackStrategy.DEFAULT, RollbackStrategy.ALWAYS)
                .map(strategy -> Arguments.of(stop, strategy)));
    }

    // --- phase by phase -----------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("stopsAndStrategies")
    void beforeTheHypothesis(Stop stop, RollbackStrategy strategy) {
        String experiment = experiment(probe("/slow"), tick("m", ""), http("undo", "/undo"));
        RunSettings settings = stop == Stop.DEADLINE
                ? settings(strategy).withDeadline(Instant.now().plusSeconds(30), Duration.ofSeconds(60))
                : settings(strategy);

        Journal j = Runs.run(experiment, settings, control -> {
            if (stop == Stop.SIGTERM) control.interrupt("SIGTERM");
        });

        assertInterrupted(j, stop, strategy);
        if (stop == Stop.SIGTERM) {
            assertNull(j.before(), "nothing was checked");
            assertEquals(0, server.calls("/slow"));
        } else {
            // The deadline is already past when the run starts: it stops the run at once, or the probe it began.
            assertFalse(j.before() != null && j.before().probes().stream().anyMatch(p -> p.status() != null));
        }
        assertEquals(0, ticks("m"));
        assertEquals(List.of(), j.run());
        assertNull(j.after());
    }

    @ParameterizedTest
    @MethodSource("stopsAndStrategies")
    void duringAProbe(Stop stop, RollbackStrategy strategy) {
        String experiment = experiment(probe("/slow"), tick("m", ""), http("undo", "/undo"));

        Journal j = Runs.run(experiment, settings(stop, strategy), when(stop, () -> server.calls("/slow") > 0));

        assertInterrupted(j, stop, strategy);
        RunItem probe = j.before().probes().getFirst();
        assertEquals("up", probe.activity().get("name"), "the interrupted probe is in the journal");
        assertNull(probe.status(), "without a status");
        assertFalse(j.before().met());
        assertEquals(0, ticks("m"));
        assertEquals(List.of(), j.run());
        assertNull(j.after());
    }

    @ParameterizedTest
    @MethodSource("stopsAndStrategies")
    void duringAnAction(Stop stop, RollbackStrategy strategy) {
        String method = http("slow action", "/slow-action") + "," + tick("m", "");
        String experiment = experiment(probe("/health"), method, http("undo", "/undo"));

        Journal j = Runs.run(experiment, settings(stop, strategy), when(stop, () -> server.calls("/slow-action") > 0));

        assertInterrupted(j, stop, strategy);
        assertEquals(true, j.before().met());
        assertEquals(List.of("slow action"), j.run().stream().map(i -> i.activity().get("name")).toList());
        assertNull(j.run().getFirst().status(), "the interrupted action keeps no status");
        assertEquals(0, ticks("m"), "nothing starts after it");
        assertNull(j.after());
    }

    @ParameterizedTest
    @MethodSource("stopsAndStrategies")
    void duringAPause(Stop stop, RollbackStrategy strategy) {
        String method = tick("m", ", \"pauses\": {\"after\": 60}") + "," + tick("n", "");
        String experiment = experiment(probe("/health"), method, http("undo", "/undo"));

        Journal j = Runs.run(experiment, settings(stop, strategy), when(stop, () -> ticks("m") > 0));

        assertInterrupted(j, stop, strategy);
        assertEquals(List.of("succeeded"), j.run().stream().map(RunItem::status).toList(),
                "the action before the pause ran and says so");
        assertEquals(0, ticks("n"));
        assertNull(j.after());
    }

    // --- during the rollbacks ---------------------------------------------------------------------------------

    @Test
    void aSignalDuringTheRollbacksDoesNotStopThemButTheRunIsInterrupted() {
        String rollbacks = http("brief undo", "/brief-undo") + "," + http("undo", "/undo");
        String experiment = experiment(probe("/health"), tick("m", ""), rollbacks);

        Journal j = Runs.run(experiment, settings(RollbackStrategy.DEFAULT),
                when(Stop.SIGTERM, () -> server.calls("/brief-undo") > 0));

        assertEquals("interrupted", j.status());
        assertEquals("SIGTERM", j.reason());
        assertEquals(true, j.after().met(), "the run itself was over");
        assertEquals(List.of("succeeded", "succeeded"), j.rollbacks().stream().map(RunItem::status).toList());
        assertEquals(1, server.calls("/undo"));
    }

    @Test
    void interruptingAgainLetsTheRollbacksFinishStoppingThemStopsThem() {
        String rollback = http("brief undo", "/undo");
        Journal again = Runs.run(experiment(probe("/health"), http("slow action", "/slow-action"), rollback),
                settings(RollbackStrategy.ALWAYS), control -> Thread.ofVirtual().start(() -> {
                    await(() -> server.calls("/slow-action") > 0);
                    control.interrupt("SIGINT");
                    control.interrupt("SIGTERM");
                }));
        assertEquals("SIGINT", again.reason());
        assertEquals(List.of("succeeded"), again.rollbacks().stream().map(RunItem::status).toList());
        aSecondSignalStopsTheRollbacks();
    }

    private void aSecondSignalStopsTheRollbacks() {
        String method = http("slow action", "/slow-action");
        String rollbacks = http("slow undo", "/slow-undo") + "," + http("undo", "/undo");

        Journal j = Runs.run(experiment(probe("/health"), method, rollbacks), settings(RollbackStrategy.ALWAYS),
                control -> Thread.ofVirtual().start(() -> {
                    await(() -> server.calls("/slow-action") > 0);
                    control.interrupt("SIGTERM");
                    await(() -> server.calls("/slow-undo") > 0);
                    control.stopRollbacks("SIGINT");
                }));

        assertEquals("interrupted", j.status());
        assertEquals("SIGTERM", j.reason());
        assertEquals(1, j.rollbacks().size(), "the second rollback never started");
        assertNull(j.rollbacks().getFirst().status(), "the stopped rollback keeps no status");
        assertEquals(1, server.calls("/undo"), "only the first run's");
    }

    @Test
    void theHardDeadlineStopsTheRollbacks() {
        String method = tick("m", ", \"pauses\": {\"after\": 60}");
        String rollbacks = http("slow undo", "/slow-undo") + "," + http("undo", "/undo");
        // The method stops 3 s in; the rollbacks may run until the deadline, 3 s later.
        RunSettings settings = settings(RollbackStrategy.ALWAYS)
                .withDeadline(Instant.now().plus(SOFT_DEADLINE.multipliedBy(2)), SOFT_DEADLINE);

        Journal j = Runs.run(experiment(probe("/health"), method, rollbacks), settings);

        assertEquals("interrupted", j.status());
        assertEquals("deadline reached", j.reason());
        assertEquals(List.of("succeeded"), j.run().stream().map(RunItem::status).toList());
        assertEquals(1, j.rollbacks().size());
        assertNull(j.rollbacks().getFirst().status());
        assertEquals(0, server.calls("/undo"));
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private void assertInterrupted(Journal j, Stop stop, RollbackStrategy strategy) {
        assertEquals("interrupted", j.status());
        assertEquals(stop.reason, j.reason());
        assertFalse(j.deviated());
        boolean played = strategy == RollbackStrategy.ALWAYS;
        assertEquals(played ? List.of("succeeded") : List.of(), j.rollbacks().stream().map(RunItem::status).toList());
        assertEquals(played ? 1 : 0, server.calls("/undo"));
    }

    private static RunSettings settings(RollbackStrategy strategy) {
        return new RunSettings(null, strategy, HypothesisStrategy.DEFAULT, 1.0, false, null, Duration.ZERO);
    }

    /** For a deadline, the method stops {@link #SOFT_DEADLINE} from now; the rollbacks have a minute more. */
    private static RunSettings settings(Stop stop, RollbackStrategy strategy) {
        return stop == Stop.DEADLINE
                ? settings(strategy).withDeadline(Instant.now().plus(SOFT_DEADLINE).plusSeconds(60),
                        Duration.ofSeconds(60))
                : settings(strategy);
    }

    /** For a signal, interrupts once {@code reached} holds; a deadline needs nothing. */
    private static Consumer<RunControl> when(Stop stop, BooleanSupplier reached) {
        return control -> {
            if (stop == Stop.SIGTERM) {
                Thread.ofVirtual().start(() -> {
                    await(reached);
                    control.interrupt("SIGTERM");
                });
            }
        };
    }

    private static void await(BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String experiment(String probes, String method, String rollbacks) {
        return """
                {"title": "t", "description": "d",
                 "steady-state-hypothesis": {"title": "h", "probes": [%s]},
                 "method": [%s], "rollbacks": [%s]}""".formatted(probes, method, rollbacks);
    }

    private String probe(String path) {
        return """
                {"type": "probe", "name": "up", "tolerance": 200,
                 "provider": {"type": "http", "url": "%s", "timeout": 30}}""".formatted(server.url(path));
    }

    private String http(String name, String path) {
        return """
                {"type": "action", "name": "%s", "provider": {"type": "http", "url": "%s", "timeout": 30}}"""
                .formatted(name, server.url(path));
    }

    /** An action counting its calls under {@code counter}; {@code extra} adds keys ({@code , "pauses": ...}). */
    private String tick(String counter, String extra) {
        return """
                {"type": "action", "name": "%s"%s,
                 "provider": {"type": "python", "module": "test.fn", "func": "tick", "arguments": {"name": "%s"}}}"""
                .formatted(counter, extra, id + counter);
    }

    private int ticks(String counter) {
        return TestFunctions.ticks(id + counter);
    }
}
