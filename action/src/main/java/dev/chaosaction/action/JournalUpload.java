package dev.chaosaction.action;

import dev.chaosaction.aws.s3.S3Clients;
import dev.chaosaction.aws.s3.S3JournalStore;
import java.io.IOException;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Uploads the journal to the {@code journal-s3-uri} location with the engine's S3 store. Credentials come from
 * the environment as the AWS SDK finds them (a configure-aws-credentials step sets them); the region from the
 * {@code aws-region} input, else the SDK's own lookup. {@value #ENDPOINT} points the client at an S3-compatible
 * endpoint, addressed path-style, as it does for the Lambda function. Only a run that uploads loads the SDK.
 */
final class JournalUpload {
    static final String ENDPOINT = S3Clients.ENDPOINT;

    private JournalUpload() {}

    /** Stores the journal and returns its {@code s3://} URI. */
    static String upload(S3Target target, String region, Map<String, String> env, String runId,
                         Map<String, Object> journal) throws IOException {
        try (S3Client s3 = S3Clients.builder(region, S3Clients.endpoint(env), DefaultCredentialsProvider.builder().build())
                .build()) {
            return new S3JournalStore(s3, target.bucket(), target.prefix()).store(runId, journal);
        } catch (RuntimeException e) {
            // No region, no credentials: the SDK says so before any request.
            throw new IOException(e.getMessage(), e);
        }
    }
}
