package dev.chaosaction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.testing.Leaks;
import dev.chaosaction.testing.Leaks.Source;
import dev.chaosaction.testing.LocalServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code chaos run} with the secret coming in through each of its ways (the environment ones through a
 * {@code .env} var file, which the command layers over the process environment): the console and the journal
 * file never show it.
 */
@Timeout(60)
class SecretsInCliTest {
    @TempDir
    Path dir;
    private final LocalServer server = Leaks.echoServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void theConsoleAndTheJournalNeverShowTheSecret(Source source) throws Exception {
        Path experiment = Files.writeString(dir.resolve("exp.json"), Leaks.experiment(source, server));
        Path journal = dir.resolve("journal.json");
        List<String> args = new ArrayList<>(List.of("--verbose", "run", "--journal-path", journal.toString()));
        switch (source) {
            case VAR_FILE_SECRET -> args.addAll(List.of("--var-file",
                    Files.writeString(dir.resolve("vars.json"), Leaks.varFile()).toString()));
            case VAR -> args.addAll(List.of("--var", Leaks.NAME + "=" + Leaks.SECRET));
            case ENV_SECRET, ENV_CONFIGURATION -> args.addAll(List.of("--var-file",
                    Files.writeString(dir.resolve("leak.env"), Leaks.ENV + "=\"" + Leaks.SECRET + "\"\n").toString()));
            case INLINE_SECRET -> {}
        }
        args.add(experiment.toString());
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        int code = withConsole(console, () -> Chaos.execute(args.toArray(String[]::new)));

        String printed = console.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed);
        Leaks.assertDelivered(server);
        assertTrue(printed.contains("Action: unreachable [failed in "), printed);
        assertTrue(printed.contains("failed to connect to http://127.0.0.1:1/x?token=***"), printed);
        Leaks.assertAbsent("the console", printed);
        Leaks.assertAbsent("the journal", Files.readString(journal));
    }

    /** Runs {@code command} with stdout and stderr both going to {@code console}. */
    private static int withConsole(ByteArrayOutputStream console, java.util.function.IntSupplier command) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream both = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            return command.getAsInt();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
