package dev.chaosaction.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.aws.s3.S3JournalStore;
import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.config.Overrides;
import dev.chaosaction.config.Vars;
import dev.chaosaction.journal.FileJournalStore;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.testing.Leaks.Source;
import dev.chaosaction.testing.Leaks;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.Runs;
import dev.chaosaction.value.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Whichever way the secret comes in, the journal holds it nowhere, neither the file nor the S3 object (nor its
 * key, which is made from the title): outputs, error messages and the title included.
 */
@Timeout(60)
class SecretsInJournalsTest {
    private static final S3TestServer S3 = new S3TestServer().bucket("journals");

    @TempDir
    Path dir;
    private final LocalServer server = Leaks.echoServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @AfterAll
    static void stopS3() {
        S3.close();
    }

    private Overrides overrides(Source source) throws Exception {
        return switch (source) {
            case VAR_FILE_SECRET -> Vars.load(List.of(Files.writeString(dir.resolve("vars.json"), Leaks.varFile())),
                    List.of());
            case VAR -> Vars.load(List.of(), List.of(Leaks.NAME + "=" + Leaks.SECRET));
            default -> Overrides.NONE;
        };
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void theJournalNeverHoldsTheSecret(Source source) throws Exception {
        Engine engine = new Engine(EngineOptions.of(Map.of(Leaks.ENV, Leaks.SECRET, "PATH", System.getenv("PATH")),
                List.of()));
        Prepared prepared = engine.prepare(Runs.parse(Leaks.experiment(source, server)), overrides(source), true);

        Journal journal = engine.run(prepared, RunSettings.DEFAULTS, RunListener.NONE, new RunControl(), "leak-run");
        Map<String, Object> document = Engine.document(prepared, journal);
        Path file = dir.resolve("journal.json");
        new FileJournalStore(file).store(journal.runId(), document);
        String uri;
        try (S3Client s3 = S3.client()) {
            uri = new S3JournalStore(s3, "journals", "j/").store(journal.runId(), document);
        }

        assertEquals("completed", journal.status(), journal.reason());
        Leaks.assertDelivered(server);
        String stored = Files.readString(file);
        assertTrue(stored.contains("out=***") && stored.contains("err=***") && stored.contains("rollback=***"),
                "the process outputs are in the journal, masked");
        assertTrue(stored.contains("Bearer ***"), "the server's echo is in the journal, masked");
        assertTrue(stored.contains("failed to connect to http://127.0.0.1:1/x?token=***"), stored);
        Leaks.assertAbsent("the journal file", stored);
        Leaks.assertAbsent("the S3 key", uri);
        Leaks.assertAbsent("the S3 journal", S3.read("journals", uri.substring("s3://journals/".length())));
        Leaks.assertAbsent("the journal as the engine keeps it", Json.write(document));
    }
}
