package dev.chaosaction.aws.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chaosaction.journal.Journal;
import dev.chaosaction.value.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The journal store and the run lock against LocalStack's S3; skipped where Docker is not available. */
@Testcontainers(disabledWithoutDocker = true)
class S3LocalStackTest {
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer("localstack/localstack:4.4").withServices("s3");

    private static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                .endpointOverride(LOCALSTACK.getEndpoint())
                .forcePathStyle(true)
                .build();
        s3.createBucket(b -> b.bucket("journals"));
    }

    @AfterAll
    static void close() {
        if (s3 != null) s3.close();
    }

    @Test
    void journalsAreStoredOnceAtTheirKey() throws IOException {
        Journal journal = new Journal("ls-1", Map.of("title", "Local stack"), Instant.parse("2024-05-07T10:00:00Z"));
        Map<String, Object> document = journal.toMap();
        S3JournalStore store = new S3JournalStore(s3, "journals", "journals/");
        assertEquals("s3://journals/journals/2024/05/07/local-stack/ls-1.json", store.store("ls-1", document));
        store.store("ls-1", Map.of("start", "2024-05-07T10:00:00+00:00", "experiment", Map.of("title", "Local stack")));
        assertEquals(Json.pretty(document), s3.getObjectAsBytes(b -> b.bucket("journals")
                .key("journals/2024/05/07/local-stack/ls-1.json")).asUtf8String());
    }

    @Test
    void onlyTheFirstClaimOfALockWins() throws IOException {
        S3RunLock lock = new S3RunLock(s3, "journals", "journals/");
        assertEquals(Optional.empty(), lock.claim("ls-2", Map.of("status", "running")));
        lock.complete("ls-2", Map.of("status", "completed"));
        assertEquals(Optional.of(Map.of("status", "completed")), lock.claim("ls-2", Map.of("status", "running")));
    }
}
