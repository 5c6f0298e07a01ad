package dev.chaosaction.action;

import dev.chaosaction.journal.S3JournalStore;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Uploads the journal to the {@code journal-s3-uri} location with the engine's S3 store. Credentials come from
 * the environment as the AWS SDK finds them (a configure-aws-credentials step sets them); the region from the
 * {@code aws-region} input, else the SDK's own lookup. {@value #ENDPOINT} points the client at an S3-compatible
 * endpoint, addressed path-style, as it does for the Lambda function. Only a run that uploads loads the SDK.
 */
final class JournalUpload {
    static final String ENDPOINT = "CHAOS_S3_ENDPOINT";

    private JournalUpload() {}

    /** Stores the journal and returns its {@code s3://} URI. */
    static String upload(S3Target target, String region, Map<String, String> env, String runId,
                         Map<String, Object> journal) throws IOException {
        try (S3Client s3 = client(region, env.get(ENDPOINT))) {
            return new S3JournalStore(s3, target.bucket(), target.prefix()).store(runId, journal);
        } catch (RuntimeException e) {
            // No region, no credentials: the SDK says so before any request.
            throw new IOException(e.getMessage(), e);
        }
    }

    private static S3Client client(String region, String endpoint) {
        S3ClientBuilder builder = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        if (region != null) builder.region(Region.of(region));
        if (endpoint != null && !endpoint.isBlank()) builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        return builder.build();
    }
}
