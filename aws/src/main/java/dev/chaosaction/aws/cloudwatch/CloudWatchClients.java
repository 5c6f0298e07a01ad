package dev.chaosaction.aws.cloudwatch;

import dev.chaosaction.aws.AwsEnvironment;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;

/**
 * The CloudWatch client stop alarms are read with: the URL-connection HTTP client (one small call a second),
 * credentials as the SDK finds them, the region from {@code AWS_REGION} or {@code AWS_DEFAULT_REGION}, the
 * endpoint from {@code AWS_ENDPOINT_URL_CLOUDWATCH} or {@code AWS_ENDPOINT_URL} (the SDK's own names, read from
 * the environment the run was given). Timeouts are short so that a check never stalls a run for long; a check
 * that times out counts as breached.
 */
public final class CloudWatchClients {
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);

    private CloudWatchClients() {}

    public static CloudWatchClient fromEnv(Map<String, String> env) {
        CloudWatchClientBuilder builder = CloudWatchClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(ATTEMPT_TIMEOUT).apiCallTimeout(CALL_TIMEOUT));
        String region = AwsEnvironment.region(env);
        if (region != null) builder.region(Region.of(region));
        URI endpoint = AwsEnvironment.endpoint(env, "CLOUDWATCH");
        if (endpoint != null) builder.endpointOverride(endpoint);
        return builder.build();
    }
}
