package dev.chaosaction.testing;

import dev.chaosaction.config.Overrides;
import dev.chaosaction.experiment.ExperimentLoader;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.run.Engine;
import dev.chaosaction.run.EngineOptions;
import dev.chaosaction.run.Prepared;
import dev.chaosaction.run.RunControl;
import dev.chaosaction.run.RunListener;
import dev.chaosaction.run.RunSettings;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs experiments written inline through the real engine, with {@link TestFunctions} reachable. */
public final class Runs {
    private Runs() {}

    public static Engine engine() {
        return new Engine(EngineOptions.of(System.getenv(), List.of(TestFunctions.factory())));
    }

    public static Map<String, Object> parse(String json) {
        try {
            return ExperimentLoader.parse(json, ExperimentLoader.Format.JSON);
        } catch (InvalidExperimentException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    public static Prepared prepare(String json) throws InvalidExperimentException {
        return engine().prepare(parse(json), Overrides.NONE, true);
    }

    public static Journal run(String json, RunSettings settings) {
        return run(json, settings, control -> {});
    }

    /** Runs with a hook that gets the run's control before it starts (to interrupt it from another thread). */
    public static Journal run(String json, RunSettings settings, Consumer<RunControl> withControl) {
        try {
            Engine engine = engine();
            Prepared prepared = engine.prepare(parse(json), Overrides.NONE, true);
            RunControl control = new RunControl();
            withControl.accept(control);
            return engine.run(prepared, settings, RunListener.NONE, control, "test-run");
        } catch (InvalidExperimentException e) {
            throw new AssertionError("invalid experiment: " + e.getMessage());
        }
    }
}
