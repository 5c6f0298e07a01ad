package dev.chaosaction.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.activity.Signature;
import dev.chaosaction.aws.s3.S3KillSwitch;
import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.config.Overrides;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.RunItem;
import dev.chaosaction.safety.KillSwitches;
import dev.chaosaction.testing.Runs;
import dev.chaosaction.testing.TestFunctions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;

/**
 * The kill switch as runs meet it: engaged before a run, nothing runs; engaged during one, the activity in
 * flight ends, no other starts, the rollbacks play as the strategy says; unreadable, nothing runs.
 */
@Timeout(60)
class KillSwitchRunTest {
    private static final S3TestServer S3 = new S3TestServer().bucket("ops");
    private final String id = UUID.randomUUID().toString();
    private final String key = "kill/" + id;
    private final String uri = "s3://ops/" + key;

    @AfterAll
    static void stop() {
        S3.close();
    }

    private String tick(String type, String counter, String extra) {
        return TestFunctions.tickActivity(type, counter, id + counter, extra);
    }

    private int ticks(String counter) {
        return TestFunctions.ticks(id + counter);
    }

    /** Probes p1, p2 (tolerance: any count), method a1, a2, rollback r; {@code pause} follows p1 and a1. */
    private String experiment(String runtime, String pause) {
        String after = pause.isEmpty() ? "" : ", \"pauses\": {\"after\": " + pause + "}";
        return """
                {"title": "t", "description": "d", %s
                 "steady-state-hypothesis": {"title": "h", "probes": [%s, %s]},
                 "method": [%s, %s], "rollbacks": [%s]}""".formatted(runtime,
                tick("probe", "p1", after + ", \"tolerance\": {\"type\": \"range\", \"range\": [0, 1000]}"),
                tick("probe", "p2", ", \"tolerance\": {\"type\": \"range\", \"range\": [0, 1000]}"),
                tick("action", "a1", after), tick("action", "a2", ""), tick("action", "r", ""));
    }

    private Journal run(String experiment, Map<String, String> env, Supplier<S3Client> s3, RunListener listener) {
        Engine engine = new Engine(EngineOptions.of(env, List.of(TestFunctions.factory()))
                .withKillSwitches(S3KillSwitch.source(s3)));
        return engine.run(prepare(engine, experiment), RunSettings.DEFAULTS, listener, new RunControl(), "run-" + id);
    }

    private Journal run(String experiment, RunListener listener) {
        return run(experiment, Map.of(KillSwitches.ENV, uri), S3::client, listener);
    }

    private static List<String> names(List<RunItem> items) {
        return items.stream().map(i -> (String) i.activity().get("name")).toList();
    }

    @Test
    void anEngagedSwitchStopsARunBeforeItsFirstActivityAndNothingIsRolledBack() {
        S3.put("ops", key, "");

        Journal journal = run(experiment("", ""), RunListener.NONE);

        assertEquals("aborted", journal.status());
        assertEquals("not started: kill switch " + uri + " is engaged (the object exists)", journal.reason());
        assertEquals(List.of(0, 0, 0, 0, 0), List.of(ticks("p1"), ticks("p2"), ticks("a1"), ticks("a2"), ticks("r")));
        assertNull(journal.before());
        assertEquals(List.of(), journal.run());
        assertEquals(List.of(), journal.rollbacks());
        assertTrue(journal.end() != null, "the journal is complete");
    }

    @Test
    void aSwitchEngagedDuringTheMethodCancelsThePauseInFlightStartsNoOtherAndPlaysTheRollbacks() {
        // a1 pauses 60 s after it runs (the test's timeout is 60 s); the switch is engaged once a1 has acted.
        Thread operator = Thread.ofVirtual().start(() -> {
            while (ticks("a1") == 0) Thread.onSpinWait();
            S3.put("ops", key, "stop");
        });
        Journal journal = run(experiment("", "60").replace(", \"pauses\": {\"after\": 60}, \"tolerance\"",
                ", \"tolerance\""), RunListener.NONE);
        operator.interrupt();

        assertEquals("aborted", journal.status());
        assertEquals("kill switch " + uri + " is engaged (the object exists)", journal.reason());
        assertEquals(List.of("a1"), names(journal.run()));
        assertEquals("succeeded", journal.run().getFirst().status());
        assertEquals(0, ticks("a2"));
        assertNull(journal.after(), "no hypothesis after an abort");
        assertEquals(List.of("r"), names(journal.rollbacks()));
        assertEquals(1, ticks("r"));
    }

    @Test
    void aSwitchEngagedDuringTheHypothesisStopsItBetweenProbesAndSkipsTheMethod() {
        // p1 engages the switch itself (an operator acting while the probe runs), then pauses past the cache.
        String engage = """
                {"type": "probe", "name": "p1", "pauses": {"after": 1.1}, "tolerance": true,
                 "provider": {"type": "python", "module": "test.ops", "func": "engage"}}""";
        String experiment = experiment("", "").replace(tick("probe", "p1",
                ", \"tolerance\": {\"type\": \"range\", \"range\": [0, 1000]}"), engage);
        Engine engine = new Engine(EngineOptions.of(Map.of(KillSwitches.ENV, uri),
                List.of(TestFunctions.factory(), (configuration, env, runtime) -> new Operator()))
                .withKillSwitches(S3KillSwitch.source(S3::client)));

        Journal journal = engine.run(prepare(engine, experiment), RunSettings.DEFAULTS, RunListener.NONE,
                new RunControl(), "run-" + id);

        assertEquals("aborted", journal.status());
        assertEquals("kill switch " + uri + " is engaged (the object exists)", journal.reason());
        assertEquals(List.of("p1"), names(journal.before().probes()));
        assertEquals(List.of(0, 0, 0), List.of(ticks("p2"), ticks("a1"), ticks("a2")));
        assertEquals(List.of(), journal.run());
        assertEquals(1, ticks("r"), "the default strategy plays rollbacks after an abort");
    }

    private static Prepared prepare(Engine engine, String experiment) {
        try {
            return engine.prepare(Runs.parse(experiment), Overrides.NONE, true);
        } catch (InvalidExperimentException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    /** Module {@code test.ops}: {@code engage()} puts this test's kill switch in place, as an operator would. */
    private final class Operator implements FunctionLibrary {
        @Override
        public Optional<Entry> find(String module, String func) {
            if (!"test.ops".equals(module) || !"engage".equals(func)) return Optional.empty();
            return Optional.of(new Entry(new Signature(module, func, List.of()), (args, context) -> {
                S3.put("ops", key, "incident");
                return true;
            }));
        }

        @Override
        public Set<String> modules() {
            return Set.of("test.ops");
        }
    }

    @Test
    void aSwitchThatCannotBeReadStopsTheRun() {
        S3TestServer gone = new S3TestServer();
        S3Client client = gone.client();
        gone.stop();

        Journal journal = run(experiment("", ""), Map.of(KillSwitches.ENV, uri), () -> client, RunListener.NONE);

        assertEquals("aborted", journal.status());
        assertTrue(journal.reason().startsWith("not started: kill switch " + uri + " could not be read ("),
                journal.reason());
        assertEquals(0, ticks("p1"));
    }

    @Test
    void theExperimentCanNameItsOwnSwitch() {
        S3.put("ops", key, "");

        Journal journal = run(experiment("\"runtime\": {\"kill_switch\": \"" + uri + "\"},", ""), Map.of(),
                S3::client, RunListener.NONE);

        assertEquals("not started: kill switch " + uri + " is engaged (the object exists)", journal.reason());
    }

    @Test
    void aMalformedSwitchInTheExperimentIsRefusedByValidation() {
        Engine engine = new Engine(EngineOptions.of(Map.of(), List.of(TestFunctions.factory())));
        InvalidExperimentException e = assertThrows(InvalidExperimentException.class,
                () -> engine.prepare(Runs.parse(experiment("\"runtime\": {\"kill_switch\": \"ops/kill\"},", "")),
                        Overrides.NONE, true));
        assertEquals(List.of(new Problem("/runtime/kill_switch", "'ops/kill' is not an s3://bucket/key reference")),
                e.problems());
    }

    @Test
    void aFastMethodDoesNotAskS3BeforeEveryActivity() {
        AtomicInteger heads = new AtomicInteger();
        S3Client counted = S3.client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof HeadObjectRequest) heads.incrementAndGet();
            }
        });
        StringBuilder method = new StringBuilder(tick("action", "m", ""));
        for (int i = 1; i < 40; i++) method.append(", ").append(tick("action", "m", ""));
        String experiment = """
                {"title": "t", "description": "d", "method": [%s]}""".formatted(method);

        Journal journal = run(experiment, Map.of(KillSwitches.ENV, uri), () -> counted, RunListener.NONE);

        assertEquals("completed", journal.status());
        assertEquals(40, ticks("m"));
        assertTrue(heads.get() >= 1 && heads.get() < 40, heads.get() + " HEAD requests for 40 activities");
    }

    /** a1 waits 60 s before it acts (the test's timeout is 60 s); the switch is engaged once the hypothesis held. */
    private Journal engagedDuringPauseBefore(Map<String, String> env, String a1Extra) {
        String experiment = """
                {"title": "t", "description": "d",
                 "steady-state-hypothesis": {"title": "h", "probes": [%s]},
                 "method": [%s, %s], "rollbacks": [%s]}""".formatted(
                tick("probe", "p1", ", \"tolerance\": {\"type\": \"range\", \"range\": [0, 1000]}"),
                tick("action", "a1", ", \"pauses\": {\"before\": 60}" + a1Extra), tick("action", "a2", ""),
                tick("action", "r", ""));
        return run(experiment, env, S3::client, new RunListener() {
            @Override
            public void hypothesisChecked(Phase phase, dev.chaosaction.journal.SteadyState state) {
                if (phase == Phase.HYPOTHESIS_BEFORE) S3.put("ops", key, "stop");
            }
        });
    }

    @Test
    void aSwitchEngagedDuringAPauseBeforeCancelsThePauseAndTheActionNeverRuns() {
        Journal journal = engagedDuringPauseBefore(Map.of(KillSwitches.ENV, uri), "");

        assertEquals("aborted", journal.status());
        assertEquals("kill switch " + uri + " is engaged (the object exists)", journal.reason());
        assertEquals(0, ticks("a1"), "the provider was never called");
        assertEquals(List.of(), journal.run(), "a1 never started: it was still pausing");
        assertEquals(0, ticks("a2"));
        assertEquals(List.of("r"), names(journal.rollbacks()), "rollbacks play by default");
        assertEquals(1, ticks("r"));
    }

    @Test
    void aBackgroundActivityPausingWhenTheSwitchIsEngagedNeverCallsItsProvider() {
        Journal journal = engagedDuringPauseBefore(Map.of(KillSwitches.ENV, uri), ", \"background\": true");

        assertEquals("aborted", journal.status());
        assertEquals(0, ticks("a1"));
        assertEquals(List.of("r"), names(journal.rollbacks()));
    }

    @Test
    void theDeploymentCanSayThatAnEngagedSwitchAlsoSkipsTheRollbacks() {
        Journal journal = engagedDuringPauseBefore(Map.of(KillSwitches.ENV, uri, KillSwitches.ROLLBACKS_ENV, "skip"), "");

        assertEquals("aborted", journal.status());
        assertEquals("kill switch " + uri + " is engaged (the object exists); rollbacks not played ("
                + KillSwitches.ROLLBACKS_ENV + "=skip)", journal.reason());
        assertEquals(0, ticks("a1"));
        assertEquals(List.of(), journal.rollbacks());
        assertEquals(0, ticks("r"));
    }

    @Test
    void aVarFileCannotPointTheDeploymentsSwitchElsewhere() throws Exception {
        S3.put("ops", key, "");
        Engine engine = new Engine(EngineOptions.of(Map.of(KillSwitches.ENV, uri), List.of(TestFunctions.factory()))
                .withKillSwitches(S3KillSwitch.source(S3::client)));
        Overrides varFile = new Overrides(Map.of(), Map.of(), Map.of(KillSwitches.ENV, "s3://ops/nothing-here"));

        Journal journal = engine.run(engine.prepare(Runs.parse(experiment("", "")), varFile, true),
                RunSettings.DEFAULTS, RunListener.NONE, new RunControl(), "run-" + id);

        assertEquals("aborted", journal.status());
        assertEquals("not started: kill switch " + uri + " is engaged (the object exists)", journal.reason());
        assertEquals(0, ticks("a1"));
    }
}
