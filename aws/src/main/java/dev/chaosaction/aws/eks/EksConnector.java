package dev.chaosaction.aws.eks;

import dev.chaosaction.kubernetes.ClusterConnector;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.net.URI;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The connector's EKS branch: endpoint and CA from DescribeCluster, and a bearer token signed with the
 * caller's AWS credentials and renewed before it expires. No kubeconfig, no {@code aws eks get-token}.
 */
public final class EksConnector implements ClusterConnector.EksConfigSource {
    private final AwsCredentialsProvider credentials;
    private final URI eksEndpoint;
    private final Clock clock;

    /** The default AWS credential chain (environment, profile, container or instance role), real endpoints. */
    public EksConnector() {
        this(DefaultCredentialsProvider.builder().build(), null, Clock.systemUTC());
    }

    /** @param eksEndpoint the EKS endpoint to call instead of the region's, or null */
    public EksConnector(AwsCredentialsProvider credentials, URI eksEndpoint, Clock clock) {
        this.credentials = credentials;
        this.eksEndpoint = eksEndpoint;
        this.clock = clock;
    }

    @Override
    public Config config(String cluster, String region) {
        Region awsRegion = Region.of(region);
        EksCluster eks = EksCluster.describe(cluster, awsRegion, credentials, eksEndpoint);
        EksTokenProvider tokens = new EksTokenProvider(cluster, awsRegion, credentials, clock);
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(eks.endpoint())
                .withCaCertData(eks.certificateAuthority())
                .withOauthTokenProvider(tokens)
                .build();
    }
}
