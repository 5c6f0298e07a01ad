package dev.chaosaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.cli.Chaos;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.LocalServer.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chaos report}: a stored journal renders as the step summary did. */
class ReportCommandTest {
    @TempDir
    Path temp;

    record Output(int code, String stdout, String stderr) {}

    @Test
    void aStoredJournalReadsAsTheStepSummaryAndAsAPage() throws Exception {
        ActionProcess.Result run;
        ActionProcess action = new ActionProcess(temp);
        try (LocalServer server = new LocalServer().reply("/health", Reply.text(200, "ok"))) {
            action.file("exp.json", """
                    {"title": "Report <me>", "description": "d",
                     "steady-state-hypothesis": {"title": "up", "probes": [
                       {"type": "probe", "name": "health", "tolerance": 200,
                        "provider": {"type": "http", "url": "%s"}}]},
                     "method": [{"type": "probe", "name": "look", "provider": {"type": "http", "url": "%s"}}]}
                    """.formatted(server.url("/health"), server.url("/health")));
            run = action.input("experiment", "exp.json").input("fail-on", "never").run();
        }
        assertEquals(0, run.exitCode(), run.stdout());
        String journal = action.workspace().resolve("chaos-journal.json").toString();

        Output markdown = chaos("report", journal);
        assertEquals(0, markdown.code(), markdown.stderr());
        assertEquals(run.summary(), markdown.stdout());

        Path page = temp.resolve("report.html");
        Output exported = chaos("report", "--export-format=html5", journal, page.toString());
        assertEquals(new Output(0, "", "Report written to " + page + "\n"), exported);
        Output markdownFile = chaos("report", "--export-format=markdown", journal, temp.resolve("r.md").toString());
        assertEquals(0, markdownFile.code(), markdownFile.stderr());
        assertEquals(run.summary(), Files.readString(temp.resolve("r.md")));

        Output html = chaos("report", journal, "--format", "html");
        assertEquals(html.stdout(), Files.readString(page), "the same page as --format html");
        assertEquals(0, html.code(), html.stderr());
        assertTrue(html.stdout().startsWith("<!DOCTYPE html>\n"), html.stdout());
        assertTrue(html.stdout().contains("<p>Experiment: <strong>Report &lt;me&gt;</strong></p>"), html.stdout());
        assertTrue(html.stdout().contains("<tr><td>1</td><td>probe</td><td>look</td><td>✅ succeeded</td>"),
                html.stdout());
    }

    @Test
    void aMissingOrForeignFileIsAnErrorWithoutAStackTrace() throws Exception {
        Output missing = chaos("report", temp.resolve("none.json").toString());
        assertEquals(new Output(1, "", "error: no journal at " + temp.resolve("none.json") + "\n"), missing);

        Path list = new ActionProcess(temp).file("list.json", "[1, 2]");
        Output foreign = chaos("report", list.toString());
        assertEquals(new Output(1, "", "error: " + list + " is not a journal (a JSON object)\n"), foreign);

        Path experiment = new ActionProcess(temp).file("exp.json", "{\"title\": \"t\", \"method\": []}");
        Output notRun = chaos("report", experiment.toString());
        assertEquals(new Output(1, "", "error: " + experiment + " is not a journal (it has no 'experiment' and 'status');"
                + " it looks like an experiment: run it with 'chaos run' to get a journal\n"), notRun);

        Output pdf = chaos("report", "--export-format=pdf", list.toString(), "report.pdf");
        assertEquals(2, pdf.code());
        assertTrue(pdf.stderr().startsWith("error: --export-format 'pdf' is not served: markdown, html or html5"),
                pdf.stderr());

        Output badFormat = chaos("report", list.toString(), "--format", "pdf");
        assertEquals(2, badFormat.code());
        assertTrue(badFormat.stderr().startsWith("Invalid value for option '--format'"), badFormat.stderr());
    }

    private static Output chaos(String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ActionProcess.java(Chaos.class.getName(), args)).start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Output(process.exitValue(), stdout, stderr);
    }
}
