package dev.chaosaction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code chaos run} in a child JVM: the verdict, {@code --fail-on}, and what the console says as the run goes. */
@Timeout(120)
class ConsoleTest {
    @TempDir
    Path dir;

    record Run(int code, List<String> lines) {
        String text() {
            return String.join("\n", lines);
        }

        /** The index of the first line containing {@code text}, failing when there is none. */
        int at(String text) {
            for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i;
            throw new AssertionError("no line with '" + text + "' in:\n" + text());
        }
    }

    private static final String ACTION = """
            {"type": "action", "name": "poke", "pauses": {"after": 0.2},
             "provider": {"type": "process", "path": "true"}}""";
    private static final String HYPOTHESIS = """
            "steady-state-hypothesis": {"title": "h", "probes": [{"type": "probe", "name": "fine", "tolerance": 0,
             "provider": {"type": "process", "path": "true"}}]},""";

    private Run chaos(String experiment, String... options) throws Exception {
        Path file = Files.writeString(dir.resolve("e.json"), experiment);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Chaos.class.getName(), "run",
                "--journal-path", dir.resolve("journal.json").toString()));
        command.addAll(List.of(options));
        command.add(file.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Run(process.exitValue(), out.lines().toList());
    }

    @Test
    void theVerdictComesFirstAndFailOnDecidesTheExitCode() throws Exception {
        String experiment = "{\"title\": \"t\", \"description\": \"d\", \"method\": [" + ACTION + "]}";

        Run byDefault = chaos(experiment);
        assertEquals(0, byDefault.code(), "Chaos Toolkit's exit code: completed, not deviated\n" + byDefault.text());
        assertTrue(byDefault.at("Verdict: unverified - the steady state was not checked before the method")
                < byDefault.at("Experiment ended with status: completed"), byDefault.text());

        Run strict = chaos(experiment, "--fail-on", "not-held");
        assertEquals(1, strict.code(), strict.text());

        Run quiet = chaos(experiment, "--quiet", "--fail-on", "deviated,unhealthy-before");
        assertEquals(0, quiet.code(), quiet.text());
        assertEquals(1, quiet.lines().size(), "the verdict, always: " + quiet.text());
        quiet.at("Verdict: unverified");

        Run bad = chaos(experiment, "--fail-on", "sometimes");
        assertEquals(2, bad.code());
        assertTrue(bad.text().startsWith("error: unknown rule 'sometimes', expected chaostoolkit, not-held, never"),
                bad.text());
    }

    @Test
    void anActionsLineComesBeforeItsPauseAndThereIsNoEmptyHeading() throws Exception {
        Run run = chaos("{\"title\": \"t\", \"description\": \"d\", \"method\": [" + ACTION + "]}");

        assertTrue(run.at("Action: poke [succeeded") < run.at("Pausing after activity for 0.2s..."), run.text());
        assertFalse(run.text().contains("Steady state hypothesis"), "no hypothesis, no heading:\n" + run.text());
    }

    @Test
    void checksDuringTheMethodAreShown() throws Exception {
        String slowAction = ACTION.replace("0.2", "1");
        Run run = chaos("{\"title\": \"t\", \"description\": \"d\", " + HYPOTHESIS + " \"method\": [" + slowAction
                + "]}", "--hypothesis-strategy", "continuously", "--hypothesis-frequency", "0.1");

        assertEquals(0, run.code(), run.text());
        assertTrue(run.at("Steady state hypothesis checked during the method: met") > run.at("Playing your experiment's"),
                run.text());
        run.at("Verdict: held");
    }
}
