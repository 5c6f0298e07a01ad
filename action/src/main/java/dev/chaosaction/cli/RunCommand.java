package dev.chaosaction.cli;

import dev.chaosaction.experiment.Dry;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.journal.FileJournalStore;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.run.Engine;
import dev.chaosaction.run.Prepared;
import dev.chaosaction.run.RunControl;
import dev.chaosaction.run.RunSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code chaos run}: Chaos Toolkit's options, its exit codes (0 completed and not deviated, else 1). */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the experiment loaded from SOURCE.")
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    Chaos chaos;

    @Parameters(paramLabel = "SOURCE", description = "The experiment file (.json, .yaml, .yml).")
    Path source;

    @Option(names = "--journal-path", defaultValue = "./journal.json", description = "Where the journal goes.")
    Path journalPath;

    @Option(names = "--var", paramLabel = "key[:type]=value", description = "Set a configuration value.")
    List<String> vars = new ArrayList<>();

    @Option(names = "--var-file", paramLabel = "PATH", description = "Configuration and secrets (json, yaml or .env).")
    List<Path> varFiles = new ArrayList<>();

    @Option(names = "--dry", paramLabel = "MODE", description = "Don't execute: probes, actions, activities or pause.")
    String dry;

    @Option(names = "--no-validation", description = "Skip validation (configuration and secrets still resolve).")
    boolean noValidation;

    @Option(names = "--no-verify-tls", description = "Accepted for compatibility (affects loading from URLs only).")
    boolean noVerifyTls;

    @Option(names = "--rollback-strategy", paramLabel = "S", description = "default, always, never or deviated.")
    String rollbackStrategy;

    @Option(names = "--hypothesis-strategy", paramLabel = "S", description = "default, before-method-only, "
            + "after-method-only, during-method-only or continuously.")
    String hypothesisStrategy;

    @Option(names = "--hypothesis-frequency", defaultValue = "1.0", description = "Seconds between continuous checks.")
    double hypothesisFrequency;

    @Option(names = "--fail-fast", description = "Stop at the first deviation of the continuous hypothesis.")
    boolean failFast;

    @Option(names = {"-q", "--quiet"}, description = "Print only problems and the final status.")
    boolean quiet;

    @Override
    public Integer call() {
        return call(Map.of());
    }

    /** Runs with extra environment for the experiment (the sandbox's kubeconfig and URLs). */
    Integer call(Map<String, String> extraEnv) {
        PrintStream err = System.err;
        Invocation invocation;
        try {
            invocation = Invocation.prepare(chaos, source, vars, varFiles, !noValidation, extraEnv);
        } catch (UsageError e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (InvalidExperimentException e) {
            Invocation.printProblems(err, e);
            return 1;
        }
        RunSettings settings;
        try {
            settings = RunSettings.resolve(dry == null ? null : Dry.parse(dry), rollbackStrategy, hypothesisStrategy,
                    hypothesisFrequency, failFast, invocation.prepared().experiment(), chaos.settingsRuntime());
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        return run(invocation.engine(), invocation.prepared(), settings, err);
    }

    private int run(Engine engine, Prepared prepared, RunSettings settings, PrintStream err) {
        ConsoleListener listener = new ConsoleListener(err, quiet, prepared.redactor());
        listener.started(prepared.title(), settings);
        Journal journal;
        try (RunControl control = new RunControl(); Interrupts ignored = Interrupts.install(control)) {
            journal = engine.run(prepared, settings, listener, control, UUID.randomUUID().toString());
        }
        try {
            String where = new FileJournalStore(chaos.resolve(journalPath)).store(journal.runId(),
                    Engine.document(prepared, journal));
            if (!quiet) err.println("Journal written to " + where);
        } catch (IOException e) {
            err.println("error: the journal could not be written to " + journalPath + ": " + e.getMessage());
            return 1;
        }
        return "completed".equals(journal.status()) && !journal.deviated() ? 0 : 1;
    }
}
