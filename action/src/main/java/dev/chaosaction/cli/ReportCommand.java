package dev.chaosaction.cli;

import dev.chaosaction.action.MarkdownRenderer;
import dev.chaosaction.experiment.Activities;
import dev.chaosaction.report.Block;
import dev.chaosaction.report.HtmlRenderer;
import dev.chaosaction.report.JournalReport;
import dev.chaosaction.value.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chaos report}: a stored journal as the action's step summary shows it, or as an HTML page; on standard
 * output, or into REPORT. Both forms are accepted: ours ({@code --format html}) and chaostoolkit-reporting's
 * ({@code --export-format=html JOURNAL REPORT}).
 */
final class ReportCommand implements Callable<Integer> {
    enum Format { markdown, html }

    private final Chaos chaos;
    private final CommandSpec spec;

    ReportCommand(Chaos chaos) {
        this.chaos = chaos;
        spec = Specs.command("report", this, null,
                "Render the journal at JOURNAL as Markdown (the GitHub step summary) or HTML.");
        spec.addPositional(Specs.positional(Path.class, "JOURNAL", "1",
                "A journal written by chaos run, the action, the function or Chaos Toolkit.", 0));
        spec.addPositional(Specs.positional(Path.class, "REPORT", "0..1",
                "Where the report goes (default: standard output).", 1));
        spec.addOption(Specs.option("--format", Format.class, "<format>", null,
                "markdown or html (default: markdown)."));
        spec.addOption(Specs.option("--export-format", String.class, "<format>", null,
                "chaostoolkit-reporting's name for it: markdown, html or html5."));
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        Path journal = spec.positionalParameters().get(0).getValue();
        Path report = spec.positionalParameters().get(1).getValue();
        Format format;
        try {
            format = format(Specs.value(spec, "--format"), Specs.value(spec, "--export-format"));
        } catch (UsageError e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        Map<String, Object> document;
        try {
            document = read(journal);
        } catch (UsageError e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        List<Block> blocks = JournalReport.of(document);
        String text = format == Format.html ? HtmlRenderer.render(blocks)
                : MarkdownRenderer.render(blocks, MarkdownRenderer.SUMMARY_LIMIT_BYTES);
        return report == null ? print(text) : write(text, report);
    }

    private static Format format(Format format, String exportFormat) throws UsageError {
        if (exportFormat == null) return format == null ? Format.markdown : format;
        Format named = switch (exportFormat.strip().toLowerCase(Locale.ROOT)) {
            case "markdown", "md" -> Format.markdown;
            case "html", "html5" -> Format.html;
            default -> throw new UsageError("--export-format '" + exportFormat
                    + "' is not served: markdown, html or html5 (pdf and the other formats of chaostoolkit-reporting"
                    + " are not)");
        };
        if (format != null && format != named) throw new UsageError("--format and --export-format disagree");
        return named;
    }

    /** The journal document, or a one-line reason why the file is not one. */
    private Map<String, Object> read(Path journal) throws UsageError {
        Object document;
        try {
            document = Json.parse(Files.readString(chaos.resolve(journal), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UsageError("no journal at " + journal);
        } catch (IOException | RuntimeException e) {
            throw new UsageError(journal + " is not a readable JSON journal: " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> map)) throw new UsageError(journal + " is not a journal (a JSON object)");
        if (!(map.get("experiment") instanceof Map<?, ?>) || !(map.get("status") instanceof String)) {
            boolean experiment = map.containsKey("method") || map.containsKey("steady-state-hypothesis");
            throw new UsageError(journal + " is not a journal (it has no 'experiment' and 'status')"
                    + (experiment ? "; it looks like an experiment: run it with 'chaos run' to get a journal" : ""));
        }
        return Activities.map(document);
    }

    private static int print(String text) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(text);
        out.flush();
        return 0;
    }

    private int write(String text, Path report) {
        Path file = chaos.resolve(report);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("error: the report could not be written to " + report + ": " + e.getMessage());
            return 1;
        }
        System.err.println("Report written to " + file.toAbsolutePath().normalize());
        return 0;
    }
}
