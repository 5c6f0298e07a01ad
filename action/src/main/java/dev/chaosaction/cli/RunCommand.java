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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chaos run}: Chaos Toolkit's options, its exit codes (0 completed and not deviated, else 1) unless
 * {@code --fail-on} names a stricter rule over the verdict.
 */
final class RunCommand implements Callable<Integer> {
    private final Chaos chaos;
    String source;
    Path journalPath = Path.of("./journal.json");
    List<String> vars = List.of();
    List<Path> varFiles = List.of();
    String dry;
    boolean noValidation;
    String rollbackStrategy;
    String hypothesisStrategy;
    double hypothesisFrequency = 1.0;
    boolean failFast;
    boolean quiet;
    String failOn = FailOn.CHAOSTOOLKIT;
    private final CommandSpec spec;

    RunCommand(Chaos chaos) {
        this.chaos = chaos;
        spec = Specs.command("run", this, null, "Run the experiment loaded from SOURCE.");
        spec.addPositional(Specs.positional(String.class, "SOURCE", "1",
                "The experiment: a file (.json, .yaml, .yml) or an http(s) URL."));
        spec.addOption(Specs.option("--journal-path", Path.class, "<journalPath>", "./journal.json",
                "Where the journal goes."));
        spec.addOption(Specs.repeated("--var", String.class, "key[:type]=value", "Set a configuration value."));
        spec.addOption(Specs.repeated("--var-file", Path.class, "PATH", "Configuration and secrets (json, yaml or .env)."));
        spec.addOption(Specs.option("--dry", String.class, "MODE", null,
                "Don't execute: probes, actions, activities or pause."));
        spec.addOption(Specs.flag("Skip validation (configuration and secrets still resolve).", "--no-validation"));
        spec.addOption(Specs.flag("Accepted for compatibility (affects loading from URLs only).", "--no-verify-tls"));
        spec.addOption(Specs.option("--rollback-strategy", String.class, "S", null,
                "default, always, never or deviated."));
        spec.addOption(Specs.option("--hypothesis-strategy", String.class, "S", null, "default, before-method-only, "
                + "after-method-only, during-method-only or continuously."));
        spec.addOption(Specs.option("--hypothesis-frequency", double.class, "<hypothesisFrequency>", "1.0",
                "Seconds between continuous checks."));
        spec.addOption(Specs.flag("Stop at the first deviation of the continuous hypothesis.", "--fail-fast"));
        spec.addOption(Specs.flag("Print only problems and the final status.", "-q", "--quiet"));
        spec.addOption(Specs.option("--fail-on", String.class, "RULE", FailOn.CHAOSTOOLKIT,
                "Which runs exit 1: " + FailOn.VALUES + ". Default: chaostoolkit (its exit codes)."));
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        source = Specs.positional(spec);
        journalPath = Specs.value(spec, "--journal-path");
        vars = Specs.values(spec, "--var");
        varFiles = Specs.values(spec, "--var-file");
        dry = Specs.value(spec, "--dry");
        noValidation = Specs.isSet(spec, "--no-validation");
        rollbackStrategy = Specs.value(spec, "--rollback-strategy");
        hypothesisStrategy = Specs.value(spec, "--hypothesis-strategy");
        hypothesisFrequency = Specs.value(spec, "--hypothesis-frequency");
        failFast = Specs.isSet(spec, "--fail-fast");
        quiet = Specs.isSet(spec, "--quiet");
        failOn = Specs.value(spec, "--fail-on");
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
        FailOn rule;
        try {
            rule = FailOn.parse(failOn);
            settings = RunSettings.resolve(dry == null ? null : Dry.parse(dry), rollbackStrategy, hypothesisStrategy,
                    hypothesisFrequency, failFast, invocation.prepared().experiment(), chaos.settingsRuntime());
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        return run(invocation.engine(), invocation.prepared(), settings, rule, err);
    }

    private int run(Engine engine, Prepared prepared, RunSettings settings, FailOn rule, PrintStream err) {
        Invocation.printWarnings(err, prepared);
        ConsoleListener listener = new ConsoleListener(err, quiet, prepared.redactor());
        listener.started(prepared.title(), settings);
        Journal journal;
        FileJournalStore store = new FileJournalStore(chaos.resolve(journalPath));
        try (RunControl control = new RunControl();
             Interrupts ignored = Interrupts.install(control, Interrupts.Mode.TERMINAL)) {
            journal = engine.run(prepared, settings, new Checkpoints(listener, prepared, store, err::println), control,
                    UUID.randomUUID().toString());
        }
        try {
            String where = store.store(journal.runId(), Engine.document(prepared, journal));
            if (!quiet) err.println("Journal written to " + where);
        } catch (IOException e) {
            err.println("error: the journal could not be written to " + journalPath + ": " + e.getMessage());
            return 1;
        }
        return rule.fails(journal.verdict().verdict(), journal.status(), journal.deviated()) ? 1 : 0;
    }
}
