package dev.chaosaction.function;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** SnapStart priming of the S3 request path, without calling S3. */
final class S3Priming {
    private S3Priming() {}

    /**
     * Walks the SDK's request path short of sending: a put is presigned, which resolves the endpoint, marshals
     * and signs the request. Fixed credentials sign it, so that nothing is resolved, cached or asked of AWS
     * before the snapshot.
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
}
