package dev.chaosaction.cli;

import dev.chaosaction.action.Block;
import dev.chaosaction.action.HtmlRenderer;
import dev.chaosaction.action.JournalReport;
import dev.chaosaction.action.MarkdownRenderer;
import dev.chaosaction.experiment.Activities;
import dev.chaosaction.value.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chaos report}: a stored journal as the action's step summary shows it, or as an HTML page. */
final class ReportCommand implements Callable<Integer> {
    enum Format { markdown, html }

    private final Chaos chaos;
    private final CommandSpec spec;

    ReportCommand(Chaos chaos) {
        this.chaos = chaos;
        spec = Specs.command("report", this, null,
                "Render the journal at JOURNAL as Markdown (the GitHub step summary) or HTML.");
        spec.addPositional(Specs.positional(Path.class, "JOURNAL", "1",
                "A journal written by chaos run, the action or the function."));
        spec.addOption(Specs.option("--format", Format.class, "<format>", "markdown",
                "markdown or html (default: markdown)."));
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        Path journal = Specs.positional(spec);
        Object document;
        try {
            document = Json.parse(Files.readString(chaos.resolve(journal), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            System.err.println("error: no journal at " + journal);
            return 1;
        } catch (IOException | RuntimeException e) {
            System.err.println("error: " + journal + " is not a readable JSON journal: " + e.getMessage());
            return 1;
        }
        if (!(document instanceof Map<?, ?>)) {
            System.err.println("error: " + journal + " is not a journal (a JSON object)");
            return 1;
        }
        List<Block> blocks = JournalReport.of(Activities.map(document));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(Specs.value(spec, "--format") == Format.html ? HtmlRenderer.render(blocks)
                : MarkdownRenderer.render(blocks, MarkdownRenderer.SUMMARY_LIMIT_BYTES));
        out.flush();
        return 0;
    }
}
