package dev.chaosaction.function;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 client the function uses: the URL-connection HTTP client (the lightest to load; the function makes a
 * handful of calls per run), the region from {@code AWS_REGION}, path-style addressing for an S3-compatible
 * endpoint. Timeouts are short enough for a journal write to finish inside the time kept for it.
 */
final class S3Clients {
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(12);

    private S3Clients() {}

    static S3Client build(FunctionConfig config, AwsCredentialsProvider credentials) {
        return builder(config, credentials).build();
    }

    /**
     * Walks the SDK's request path short of sending: a put is presigned, which resolves the endpoint, marshals
     * and signs the request (SnapStart priming). Fixed credentials sign it, so that nothing is resolved, cached
     * or asked of AWS before the snapshot.
     */
    static void prime(FunctionConfig config) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")));
        if (config.s3Endpoint() != null) {
            builder.endpointOverride(config.s3Endpoint())
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        try (S3Presigner presigner = builder.build()) {
            presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(1))
                    .putObjectRequest(r -> r.bucket(config.bucket() == null ? "priming" : config.bucket())
                            .key("priming.json").ifNoneMatch("*")));
        }
    }

    static S3ClientBuilder builder(FunctionConfig config, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(ATTEMPT_TIMEOUT).apiCallTimeout(CALL_TIMEOUT));
        if (config.s3Endpoint() != null) builder.endpointOverride(config.s3Endpoint()).forcePathStyle(true);
        return builder;
    }
}
