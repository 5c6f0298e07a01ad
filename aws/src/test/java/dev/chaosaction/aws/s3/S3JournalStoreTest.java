package dev.chaosaction.aws.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.journal.Journal;
import dev.chaosaction.value.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** Journals stored in a real S3-compatible server with the real SDK client, and read back. */
class S3JournalStoreTest {
    private static final S3TestServer SERVER = new S3TestServer().bucket("journals");

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    private static Map<String, Object> journal(String title, String start) {
        Journal journal = new Journal("run-1", Map.of("title", title), Instant.parse(start));
        journal.status("completed", null);
        journal.end(Instant.parse(start).plusSeconds(2));
        return journal.toMap();
    }

    @Test
    void storesTheJournalUnderPrefixDateSlugAndRunIdAndReadsItBack() throws IOException {
        Map<String, Object> journal = journal("Pods come back: checkout!", "2024-05-07T23:59:59.5Z");
        try (S3Client s3 = SERVER.client()) {
            String where = new S3JournalStore(s3, "journals", "chaos/").store("run-1", journal);

            String key = "chaos/2024/05/07/pods-come-back-checkout/run-1.json";
            assertEquals("s3://journals/" + key, where);
            assertEquals(Json.pretty(journal), SERVER.read("journals", key));
        }
    }

    @Test
    void storingTheSameRunAgainKeepsTheFirstJournal() throws IOException {
        Map<String, Object> first = journal("again", "2024-05-08T10:00:00Z");
        Map<String, Object> second = journal("again", "2024-05-08T10:00:00Z");
        second.put("status", "failed");
        try (S3Client s3 = SERVER.client()) {
            S3JournalStore store = new S3JournalStore(s3, "journals", "");
            String where = store.store("run-1", first);
            assertEquals(where, store.store("run-1", second));
            assertEquals(Json.pretty(first), SERVER.read("journals", "2024/05/08/again/run-1.json"));
        }
    }

    @Test
    void aMissingBucketIsAnIoExceptionNamingTheObject() {
        try (S3Client s3 = SERVER.client()) {
            IOException e = assertThrows(IOException.class, () -> new S3JournalStore(s3, "nowhere", "j/")
                    .store("run-9", journal("t", "2024-01-02T03:04:05Z")));
            assertTrue(e.getMessage().startsWith("s3://nowhere/j/2024/01/02/t/run-9.json: "), e.getMessage());
        }
    }

    @Test
    void slugsAreLowerCaseWordsJoinedByHyphensAndBounded() {
        assertEquals("kill-a-pod-in-shop", S3JournalStore.slug("  Kill a Pod (in `shop`)  "));
        assertEquals("experiment", S3JournalStore.slug("!!!"));
        assertEquals("a".repeat(64), S3JournalStore.slug("a".repeat(80)));
        assertEquals("a".repeat(63), S3JournalStore.slug("a".repeat(63) + " b"));
    }
}
