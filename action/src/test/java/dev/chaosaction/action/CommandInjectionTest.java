package dev.chaosaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.value.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment that tries to forge workflow commands through everything the Action prints from it: its
 * title, its activities' names and a failure message (OkHttp quotes a bad header's value). The step's output
 * is read as the runner reads it: a line is a command when, leading blanks stripped, it starts with {@code ::},
 * or when it holds the legacy {@code ##[} prefix anywhere.
 */
class CommandInjectionTest {
    private static final String FORGED = "\n::add-mask::Method\n::warning title=forged::warned\n"
            + "::stop-commands::tok\n  ::error::indented\r::notice::cr ##[add-mask]legacy";

    @TempDir
    Path temp;

    @Test
    void nothingFromTheExperimentBecomesAWorkflowCommand() throws Exception {
        String experiment = "{\"title\": " + Json.write("Title" + FORGED) + ", \"description\": \"d\","
                + "\"method\": [{\"type\": \"action\", \"name\": " + Json.write("poke" + FORGED) + ","
                + "\"provider\": {\"type\": \"http\", \"url\": \"http://127.0.0.1:9/\","
                + "\"headers\": {\"X-Forged\": " + Json.write("v" + FORGED) + "}}}]}";
        ActionProcess action = new ActionProcess(temp);
        action.file("exp.json", experiment);

        ActionProcess.Result result = action.input("experiment", "exp.json").run();

        List<String> commands = result.lines().stream().filter(CommandInjectionTest::isCommand)
                .map(CommandInjectionTest::name).toList();
        // Ours only: the method's group, the failed action's annotation, and the verdict's (no fault injected).
        assertEquals(List.of("group", "error", "endgroup", "error"), commands, result.stdout());
        assertTrue(result.stdout().contains("Running experiment: Title%0A::add-mask::Method%0A"), result.stdout());
        assertTrue(result.stdout().contains("::error title=Action failed (method)::poke%0A::add-mask::Method"));
        assertTrue(result.lines().stream().filter(l -> l.startsWith("::error")).allMatch(l -> !l.contains("\r")));
    }

    /** The runner's test (ActionCommandManager): v2 after trimming leading blanks, legacy anywhere. */
    private static boolean isCommand(String line) {
        return line.stripLeading().startsWith("::") || line.contains("##[");
    }

    private static String name(String line) {
        String command = line.contains("##[") && !line.stripLeading().startsWith("::")
                ? line.substring(line.indexOf("##[") + 3) : line.stripLeading().substring(2);
        return Stream.of(" ", "::", "]").map(command::indexOf).filter(i -> i >= 0).min(Integer::compare)
                .map(i -> command.substring(0, i)).orElse(command).toLowerCase(Locale.ROOT);
    }
}
