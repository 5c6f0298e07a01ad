package dev.chaosaction.cli;

import dev.chaosaction.experiment.InvalidExperimentException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chaos validate}: load and validate, report every problem, change nothing. */
final class ValidateCommand implements Callable<Integer> {
    private final Chaos chaos;
    private final CommandSpec spec;

    ValidateCommand(Chaos chaos) {
        this.chaos = chaos;
        spec = Specs.command("validate", this, null, "Validate the experiment at SOURCE.");
        spec.addPositional(Specs.positional(String.class, "SOURCE", "1",
                "The experiment: a file (.json, .yaml, .yml) or an http(s) URL."));
        spec.addOption(Specs.flag("Accepted for compatibility.", "--no-verify-tls"));
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        try {
            Invocation.printWarnings(System.err,
                    Invocation.prepare(chaos, Specs.positional(spec), List.of(), List.of(), true, Map.of()).prepared());
        } catch (UsageError e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (InvalidExperimentException e) {
            Invocation.printProblems(System.err, e);
            return 1;
        }
        System.err.println("experiment syntax and semantic look valid");
        return 0;
    }
}
