package dev.chaosaction.aws.s3;

import dev.chaosaction.aws.AwsEnvironment;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The S3 client journals, locks and the kill switch use: the URL-connection HTTP client (the lightest to load; a
 * run makes a handful of calls), path-style addressing for an S3-compatible endpoint. Timeouts are short enough
 * for a journal write to finish inside the time kept for it, and for a kill-switch check not to stall a run.
 */
public final class S3Clients {
    /** An S3-compatible endpoint, addressed path-style (local use, tests); unset for AWS. */
    public static final String ENDPOINT = "CHAOS_S3_ENDPOINT";
    static final String DEFAULT_REGION = "us-east-1";
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(12);

    private S3Clients() {}

    /**
     * @param region   the region, or null for the SDK's own lookup
     * @param endpoint an S3-compatible endpoint, or null for AWS
     */
    public static S3ClientBuilder builder(String region, URI endpoint, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(ATTEMPT_TIMEOUT).apiCallTimeout(CALL_TIMEOUT));
        if (region != null) builder.region(Region.of(region));
        if (endpoint != null) builder.endpointOverride(endpoint).forcePathStyle(true);
        return builder;
    }

    /**
     * A client as a command-line run makes it: credentials as the SDK finds them, the region from
     * {@code AWS_REGION} or {@code AWS_DEFAULT_REGION} ({@value #DEFAULT_REGION} if neither), the endpoint from
     * {@value #ENDPOINT}.
     */
    public static S3Client fromEnv(Map<String, String> env) {
        String region = AwsEnvironment.region(env);
        if (region == null) region = DEFAULT_REGION;
        return builder(region, endpoint(env), DefaultCredentialsProvider.builder().build()).build();
    }

    /** The endpoint {@value #ENDPOINT} names, or null for AWS. */
    public static URI endpoint(Map<String, String> env) {
        String endpoint = AwsEnvironment.first(env, ENDPOINT);
        return endpoint == null ? null : URI.create(endpoint);
    }
}
