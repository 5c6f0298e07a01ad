package dev.chaosaction.cli;

import dev.chaosaction.experiment.InvalidExperimentException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code chaos validate}: load and validate, report every problem, change nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Validate the experiment at SOURCE.")
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    Chaos chaos;

    @Parameters(paramLabel = "SOURCE", description = "The experiment file (.json, .yaml, .yml).")
    Path source;

    @Option(names = "--no-verify-tls", description = "Accepted for compatibility.")
    boolean noVerifyTls;

    @Override
    public Integer call() {
        try {
            Invocation.prepare(chaos, source, List.of(), List.of(), true, Map.of());
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
