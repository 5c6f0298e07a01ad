package dev.chaosaction.action;

import static dev.chaosaction.experiment.Activities.map;

import dev.chaosaction.cli.Checkpoints;
import dev.chaosaction.cli.ConsoleListener;
import dev.chaosaction.cli.FailOn;
import dev.chaosaction.cli.Interrupts;
import dev.chaosaction.cli.Invocation;
import dev.chaosaction.config.Redactor;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.journal.FileJournalStore;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.Verdict;
import dev.chaosaction.report.Block.Heading;
import dev.chaosaction.report.Block.Table;
import dev.chaosaction.report.Headlines;
import dev.chaosaction.report.JournalReport;
import dev.chaosaction.run.Engine;
import dev.chaosaction.run.Prepared;
import dev.chaosaction.run.RunControl;
import dev.chaosaction.run.RunSettings;
import dev.chaosaction.value.Py;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The container action's entry point (the image's {@code ENTRYPOINT}): reads the {@code INPUT_*} variables,
 * runs the experiment with the engine, writes the journal, the step's outputs and its summary.
 * <p>
 * Exit codes: 0 when the run's verdict passes {@code fail-on} (by default only {@code held} does); 1 when it
 * does not, or when the journal could not be written or uploaded; 2 when an input or the experiment is invalid,
 * in which case nothing ran.
 */
public final class GitHubAction {
    private final Map<String, String> env;
    private final WorkflowCommands commands;
    private final RunnerFiles files;

    public GitHubAction(Map<String, String> env, PrintStream out) {
        this.env = env;
        this.commands = new WorkflowCommands(out);
        this.files = new RunnerFiles(env);
    }

    public static void main(String[] args) {
        // The runner's log is UTF-8 whatever the image's locale says.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.exit(new GitHubAction(System.getenv(), out).run());
    }

    /** Runs the action and returns its exit code; failures are annotations, never stack traces. */
    public int run() {
        try {
            return runChecked();
        } catch (IOException | RuntimeException e) {
            commands.endGroup();
            commands.error("Chaos action failed", e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
    }

    /** The exit code for a run that ended (see the class comment). */
    static int exitCode(Map<String, Object> document, FailOn failOn) {
        return failOn.fails(Verdict.of(document), Py.str(document.get("status")), Py.truthy(document.get("deviated")))
                ? 1 : 0;
    }

    private int runChecked() throws IOException {
        ActionInputs inputs;
        try {
            inputs = ActionInputs.read(env);
        } catch (ActionInputs.Invalid e) {
            return invalid("Invalid input", null, e.problems());
        }
        // Secrets from the var file and vars named like credentials are known before the experiment is even read:
        // mask them first.
        commands.mask(Redactor.forRun(inputs.overrides().configuration(), inputs.overrides().secrets()));
        Invocation invocation;
        try {
            invocation = Invocation.prepare(inputs.experiment(), inputs.overrides(), true, inputs.engineEnv(),
                    inputs.allowedProviders(), inputs.policy());
        } catch (InvalidExperimentException e) {
            return invalid("Invalid experiment", inputs.forWorkflow(inputs.experiment()), e.problems());
        }
        commands.mask(invocation.prepared().redactor());
        for (String warning : invocation.prepared().warnings()) {
            commands.warning("Chaos experiment", invocation.prepared().redactor().redact(warning));
        }
        // A CI job is unattended: with no strategy named anywhere, a cancelled job still rolls back.
        Map<String, Object> experiment = invocation.prepared().experiment();
        RunSettings settings = RunSettings.resolve(inputs.dry(),
                RunSettings.unattendedRollback(inputs.rollbackStrategy(), experiment), inputs.hypothesisStrategy(),
                1.0, false, experiment);
        return run(inputs, invocation, settings);
    }

    /** Every problem as an annotation, the outputs say {@code invalid}, the summary lists them; nothing ran. */
    private int invalid(String title, String file, List<Problem> problems) throws IOException {
        for (Problem problem : problems) commands.error(title, file, problem.toString());
        Map<Output, String> outputs = emptyOutputs();
        outputs.put(Output.STATUS, "invalid");
        files.outputs(outputs);
        List<List<String>> rows = problems.stream().map(p -> List.of(p.path().isEmpty() ? "/" : p.path(), p.message()))
                .toList();
        files.summary(MarkdownRenderer.render(List.of(new Heading(2, "❌ " + title + ": nothing was run"),
                new Table(List.of(file == null ? "Input" : "Where in " + file, "Problem"), rows)),
                MarkdownRenderer.SUMMARY_LIMIT_BYTES));
        return 2;
    }

    /**
     * The signal handlers stay installed until the outputs are written: the runner's SIGTERM after its SIGINT
     * neither stops the rollbacks nor kills the process halfway through the journal; the journal file is kept
     * up to date meanwhile, for the SIGKILL that may follow.
     */
    private int run(ActionInputs inputs, Invocation invocation, RunSettings settings) throws IOException {
        Prepared prepared = invocation.prepared();
        ConsoleListener console = new ConsoleListener(commands::line, false, prepared.redactor());
        console.started(prepared.title(), settings);
        try (RunControl control = new RunControl(); Interrupts ignored = Interrupts.install(control, Interrupts.Mode.SUPERVISED)) {
            Checkpoints checkpoints = new Checkpoints(new GitHubListener(commands, console), prepared,
                    new FileJournalStore(inputs.journalPath()), commands::line);
            Journal journal = invocation.engine().run(prepared, settings, checkpoints, control,
                    UUID.randomUUID().toString());
            return report(inputs, Engine.document(prepared, journal));
        }
    }

    private int report(ActionInputs inputs, Map<String, Object> document) throws IOException {
        String status = Py.str(document.get("status"));
        boolean deviated = Py.truthy(document.get("deviated"));
        Map<Output, String> outputs = emptyOutputs();
        outputs.put(Output.VERDICT, Verdict.of(document).value());
        outputs.put(Output.STATUS, status);
        outputs.put(Output.DEVIATED, String.valueOf(deviated));
        outputs.put(Output.RUN_ID, Py.str(map(document.get("chaos-action")).get("run_id")));
        boolean stored = storeJournal(inputs, document, outputs);
        if (inputs.journalS3() != null) stored &= uploadJournal(inputs, document, outputs);
        boolean fails = exitCode(document, inputs.failOn()) != 0;
        announce(document, fails);
        files.outputs(outputs);
        files.summary(MarkdownRenderer.render(JournalReport.of(document), MarkdownRenderer.SUMMARY_LIMIT_BYTES));
        return stored && !fails ? 0 : 1;
    }

    private boolean storeJournal(ActionInputs inputs, Map<String, Object> document, Map<Output, String> outputs) {
        Path path = inputs.journalPath();
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
            new FileJournalStore(path).store(outputs.get(Output.RUN_ID), document);
        } catch (IOException | RuntimeException e) {
            commands.error("Journal not written", "the journal could not be written to " + inputs.forWorkflow(path)
                    + ": " + e.getMessage());
            return false;
        }
        outputs.put(Output.JOURNAL_PATH, inputs.forWorkflow(path));
        commands.line("Journal written to " + inputs.forWorkflow(path));
        return true;
    }

    private boolean uploadJournal(ActionInputs inputs, Map<String, Object> document, Map<Output, String> outputs) {
        try {
            String uri = JournalUpload.upload(inputs.journalS3(), inputs.awsRegion(), env,
                    outputs.get(Output.RUN_ID), document);
            outputs.put(Output.JOURNAL_URI, uri);
            commands.line("Journal uploaded to " + uri);
            return true;
        } catch (IOException e) {
            commands.error("Journal not uploaded", "the journal could not be uploaded to s3://"
                    + inputs.journalS3().bucket() + "/" + inputs.journalS3().prefix() + ": " + e.getMessage());
            return false;
        }
    }

    /** The verdict as the step's last annotation (an error when it fails the step), unless the steady state held. */
    private void announce(Map<String, Object> document, boolean fails) {
        Verdict verdict = Verdict.of(document);
        if (verdict == Verdict.HELD && !fails) return;
        String message = Headlines.headline(verdict) + " (" + JournalReport.verdictReason(document) + ")";
        if (fails) {
            commands.error("Chaos experiment", message);
        } else {
            commands.warning("Chaos experiment", message + "; fail-on lets it pass");
        }
    }

    private static Map<Output, String> emptyOutputs() {
        Map<Output, String> outputs = new EnumMap<>(Output.class);
        for (Output output : Output.values()) outputs.put(output, "");
        outputs.put(Output.DEVIATED, "false");
        return outputs;
    }
}
