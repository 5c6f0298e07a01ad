package dev.chaosaction.aws.cloudwatch;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.aws.AwsEnvironment;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The CloudWatch clients one run's probes call, one per distinct {@link AwsSettings}, closed with the run.
 *
 * <p>The endpoint is never the experiment's (chaosaws has no endpoint setting either). On the command line it is
 * {@code AWS_ENDPOINT_URL_CLOUDWATCH} or {@code AWS_ENDPOINT_URL} (and {@code _STS} for a role) of the
 * environment the run was given, a {@code .env} var file's included, else the SDK's own resolution. Where the
 * author is not the operator it is only the SDK's own resolution (the process's environment and system
 * properties, the profile): a var file sits beside the experiment, and whoever writes one must not send requests
 * signed with the deployment's credentials, session token in the clear, to a host of theirs. Credentials: the
 * experiment's keys, else its profile, else the SDK's default chain (the Lambda role's, the runner's), never shown.
 */
final class ProbeClients implements AutoCloseable {
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, String> env;
    private final CredentialScope scope;
    private final Map<AwsSettings, CloudWatchClient> clients = new HashMap<>();
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** @param env the run's environment: the fallback region, and on the command line the endpoints */
    ProbeClients(Map<String, String> env, CredentialScope scope) {
        this.env = Map.copyOf(env);
        this.scope = scope;
    }

    /** The client for {@code settings}, made at its first use. */
    synchronized CloudWatchClient client(AwsSettings settings) throws ActivityFailed {
        String refusal = settings.refusal(scope);
        if (refusal != null) throw new ActivityFailed(refusal);
        CloudWatchClient client = clients.get(settings);
        if (client == null) {
            client = configure(CloudWatchClient.builder(), settings, "CLOUDWATCH")
                    .credentialsProvider(credentials(settings)).build();
            clients.put(settings, client);
            opened.add(client);
        }
        return client;
    }

    private AwsCredentialsProvider credentials(AwsSettings settings) {
        AwsCredentialsProvider base = baseCredentials(settings);
        if (settings.roleArn() == null) return base;
        StsClient sts = configure(StsClient.builder(), settings, "STS").credentialsProvider(base).build();
        StsAssumeRoleCredentialsProvider role = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                .refreshRequest(r -> r.roleArn(settings.roleArn()).roleSessionName(settings.roleSessionName()))
                .build();
        opened.add(role);
        opened.add(sts);
        return role;
    }

    private static AwsCredentialsProvider baseCredentials(AwsSettings settings) {
        if (settings.hasKeys()) {
            return StaticCredentialsProvider.create(settings.sessionToken() == null
                    ? AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())
                    : AwsSessionCredentials.create(settings.accessKeyId(), settings.secretAccessKey(),
                            settings.sessionToken()));
        }
        if (settings.profile() != null) return ProfileCredentialsProvider.builder().profileName(settings.profile()).build();
        return DefaultCredentialsProvider.builder().build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder,
                                                                                       AwsSettings settings,
                                                                                       String service) {
        builder.region(Region.of(settings.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(ATTEMPT_TIMEOUT).apiCallTimeout(CALL_TIMEOUT));
        if (scope == CredentialScope.DEPLOYMENT) return builder;
        URI endpoint = AwsEnvironment.endpoint(env, service);
        if (endpoint != null) builder.endpointOverride(endpoint);
        return builder;
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable closeable : opened) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing a client only releases its connections
            }
        }
        opened.clear();
        clients.clear();
    }
}
