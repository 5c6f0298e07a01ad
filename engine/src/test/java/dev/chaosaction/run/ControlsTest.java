package dev.chaosaction.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.addons.SafeguardsControl;
import dev.chaosaction.config.Overrides;
import dev.chaosaction.control.Control;
import dev.chaosaction.control.ControlLibrary;
import dev.chaosaction.control.ControlModule;
import dev.chaosaction.control.ControlRun;
import dev.chaosaction.control.Level;
import dev.chaosaction.experiment.HypothesisStrategy;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.experiment.RollbackStrategy;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.testing.Runs;
import dev.chaosaction.testing.TestFunctions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The control protocol: validation as Chaos Toolkit's, hooks in its order and where its rule applies them. */
@Timeout(60)
class ControlsTest {
    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** Records every hook as {@code <tag> <hook> <context name>}, the format of the Python twin below. */
    private final ControlModule recorder = new ControlModule() {
        @Override
        public String module() {
            return "rec";
        }

        @Override
        public Control configure(Map<String, Object> arguments, ControlRun run) {
            calls.add(arguments.get("tag") + " configure");
            return new Control() {
                @Override
                public void before(Level level, Map<String, Object> context, Map<String, Object> arguments) {
                    record("before", level, context, arguments);
                    if ("stop".equals(arguments.get("interrupt")) && level == Level.ACTIVITY) {
                        throw new Control.Interrupt("asked to stop");
                    }
                }

                @Override
                public void after(Level level, Map<String, Object> context, Object state, Map<String, Object> arguments) {
                    record("after", level, context, arguments);
                }

                @Override
                public void cleanup() {
                    calls.add("cleanup");
                }
            };
        }
    };

    private void record(String scope, Level level, Map<String, Object> context, Map<String, Object> arguments) {
        Object name = context.containsKey("name") ? context.get("name") : context.get("title");
        calls.add(arguments.get("tag") + " " + scope + "_" + level.name().toLowerCase(Locale.ROOT) + " " + name);
    }

    private Engine engine() {
        return new Engine(EngineOptions.of(Map.of(), List.of(TestFunctions.factory()))
                .withControls(new ControlLibrary(List.of(recorder, new SafeguardsControl()))));
    }

    private Journal run(String json) throws InvalidExperimentException {
        Engine engine = engine();
        RunSettings always = new RunSettings(null, RollbackStrategy.ALWAYS, HypothesisStrategy.DEFAULT, 1.0, false,
                null, Duration.ZERO);
        return engine.run(engine.prepare(Runs.parse(json), Overrides.NONE, true), always, RunListener.NONE,
                new RunControl(), "controls");
    }

    private List<Problem> problems(String json, Map<String, Object> global) {
        var e = assertThrows(InvalidExperimentException.class,
                () -> engine().prepare(Runs.parse(json), Overrides.NONE, true, global));
        return e.problems();
    }

    private static final String ORDER = """
            {"title": "t", "description": "d",
             "controls": [{"name": "top", "provider": {"type": "python", "module": "rec", "arguments": {"tag": "top"}}},
                          {"name": "manual", "automatic": false,
                           "provider": {"type": "python", "module": "rec", "arguments": {"tag": "manual"}}}],
             "steady-state-hypothesis": {"title": "h", "probes": [{"name": "p", "type": "probe", "tolerance": 0,
                 "provider": {"type": "process", "path": "true"}}]},
             "method": [{"name": "a1", "type": "action", "provider": {"type": "process", "path": "true"},
                         "controls": [{"name": "own", "scope": "before",
                                       "provider": {"type": "python", "module": "rec", "arguments": {"tag": "own"}}},
                                      {"name": "m", "ref": "manual",
                                       "provider": {"type": "python", "module": "rec", "arguments": {"tag": "refp"}}}]},
                        {"name": "a2", "type": "action", "provider": {"type": "process", "path": "true"}}],
             "rollbacks": [{"name": "r", "type": "action", "provider": {"type": "process", "path": "true"}}]}""";

    /**
     * The sequence Chaos Toolkit 1.19 records for the same experiment with a Python control module that writes
     * one line per hook (chaos run --rollback-strategy always; the module is in the README's controls section).
     */
    @Test
    void hooksRunInChaosToolkitsOrderAndWhereItsRuleAppliesThem() throws Exception {
        Journal journal = run(ORDER);

        assertEquals("completed", journal.status());
        assertEquals(List.of("top configure", "manual configure", "own configure", "refp configure",
                "top before_experiment t", "manual before_experiment t",
                "top before_hypothesis h", "top before_activity p", "top after_activity p", "top after_hypothesis h",
                "top before_method t",
                "top before_activity a1", "own before_activity a1", "refp before_activity a1",
                "manual before_activity a1",
                "top after_activity a1", "refp after_activity a1", "manual after_activity a1",
                "top before_activity a2", "top after_activity a2", "top after_method t",
                "top before_hypothesis h", "top before_activity p", "top after_activity p", "top after_hypothesis h",
                "top before_rollback t", "top before_activity r", "top after_activity r", "top after_rollback t",
                "top after_experiment t", "manual after_experiment t",
                "cleanup", "cleanup", "cleanup", "cleanup"), calls);
    }

    @Test
    void aHookThatInterruptsStopsTheRunAndTheRollbacksPlay() throws Exception {
        Journal journal = run(ORDER.replace("\"arguments\": {\"tag\": \"own\"}",
                "\"arguments\": {\"tag\": \"own\", \"interrupt\": \"stop\"}"));

        assertEquals("interrupted", journal.status());
        assertEquals("control 'own' interrupted the run: asked to stop", journal.reason());
        assertEquals(List.of(), journal.run(), "a1 never started, a2 neither");
        assertEquals(1, journal.rollbacks().size());
        assertTrue(calls.contains("top after_experiment t"), "the experiment's after-controls still run");
    }

    @Test
    void everyControlProblemIsReportedWithItsPathAndAnUnservedModuleNamesTheServedOnes() {
        List<Problem> found = problems("""
                {"title": "t", "description": "d", "method": [
                  {"name": "a", "type": "action", "provider": {"type": "process", "path": "true"},
                   "controls": [{"name": "x", "provider": {"type": "python", "module": "chaosaddons.controls.bypass"}},
                                {"ref": "nowhere", "name": "y", "provider": {"type": "python", "module": "rec"}}]}],
                 "controls": [{"provider": {"type": "python", "module": "rec"}},
                              {"name": "s", "scope": "post", "provider": {"type": "python", "module": "rec"}},
                              {"name": "h", "provider": {"type": "http", "url": "http://127.0.0.1:1"}},
                              {"name": "nomod", "provider": {"type": "python"}},
                              {"name": "g", "provider": {"type": "python", "module": "chaosaddons.controls.safeguards",
                                "arguments": {"probes": [{"name": "act", "type": "action",
                                   "provider": {"type": "process", "path": "true"}},
                                  {"name": "notol", "type": "probe", "provider": {"type": "process", "path": "true"}}]}}},
                              {"name": "empty", "provider": {"type": "python",
                                "module": "chaosaddons.controls.safeguards", "arguments": {"probes": []}}}]}""",
                Map.of("glob", Map.of("provider", Map.of("type", "python", "module", "chaosreliably.controls"))));

        String served = "served control modules: chaosaddons.controls.safeguards, rec";
        assertEquals(List.of(
                "/controls/0/name: A control must have a `name` property",
                "/controls/1/scope: Control scope property must be 'before' or 'after' only",
                "/controls/2/provider/type: a control's provider must be of type 'python' (the only kind Chaos "
                        + "Toolkit applies); " + served,
                "/controls/3/provider/module: Control must have a module path",
                "/controls/4/provider/arguments/probes/0/type: safeguard control 'act' should be of type 'probe' "
                        + "not 'action'",
                "/controls/4/provider/arguments/probes/0: safeguard control is invalid as the probe 'act' is "
                        + "missing a tolerance property",
                "/controls/4/provider/arguments/probes/1: safeguard control is invalid as the probe 'notol' is "
                        + "missing a tolerance property",
                "/controls/5/provider/arguments/probes: safeguard control must have at least one probe",
                "/method/0/controls/0/provider/module: control module 'chaosaddons.controls.bypass' is not served "
                        + "by this runner (Python controls cannot run here); " + served,
                "/method/0/controls/1/ref: Control reference 'nowhere' declaration cannot be found",
                "settings:/controls/glob/provider/module: control module 'chaosreliably.controls' is not served "
                        + "by this runner (Python controls cannot run here); " + served),
                found.stream().map(p -> p.path() + ": " + p.message()).toList());
    }
}
