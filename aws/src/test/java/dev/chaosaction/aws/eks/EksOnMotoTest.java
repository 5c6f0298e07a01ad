package dev.chaosaction.aws.eks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.kubernetes.ClusterConnectionException;
import dev.chaosaction.testing.MotoServer;
import io.fabric8.kubernetes.client.Config;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;

/**
 * The EKS connector as the engine builds it (default credential chain, no endpoint in code) against moto's EKS
 * and STS, reached through the SDK's endpoint setting: DescribeCluster gives the endpoint and CA, and the token's
 * presigned GetCallerIdentity is a request STS answers with the caller.
 */
class EksOnMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    private static Cluster created;

    @BeforeAll
    static void cluster() {
        try (EksClient eks = EksClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            created = eks.createCluster(c -> c.name("shop").roleArn("arn:aws:iam::123456789012:role/eks")
                    .resourcesVpcConfig(v -> v.subnetIds("subnet-1"))).cluster();
        }
    }

    @Test
    void theConnectorReachesTheClusterDescribeClusterNames() {
        Config config = new EksConnector().config("shop", MotoServer.REGION);

        assertEquals(created.endpoint(), config.getMasterUrl());
        assertEquals(created.certificateAuthority().data(), config.getCaCertData());
    }

    @Test
    void anUnknownClusterIsNamedWithAwssReason() {
        var error = assertThrows(ClusterConnectionException.class,
                () -> new EksConnector().config("other", MotoServer.REGION));

        assertTrue(error.getMessage().startsWith("EKS cluster 'other' in eu-west-1: DescribeCluster failed: "
                + "ResourceNotFoundException"), error.getMessage());
    }

    /**
     * The token signs a GetCallerIdentity for the region's STS with the credentials the chain found. moto's server
     * cannot answer the replay itself: it picks the service from the Authorization header, X-Amz-Target or the
     * form body, and a query-signed GET has none of them, so it goes to S3 (moto 5.2.5).
     */
    @Test
    void theTokenIsAGetCallerIdentityPresignedWithTheChainsCredentials() {
        String token = new EksConnector().config("shop", MotoServer.REGION).getOauthTokenProvider().getToken();
        URI presigned = URI.create(new String(Base64.getUrlDecoder().decode(token.substring(EksToken.PREFIX.length())),
                StandardCharsets.UTF_8));

        assertEquals("sts." + MotoServer.REGION + ".amazonaws.com", presigned.getHost());
        assertTrue(presigned.getRawQuery().startsWith("Action=GetCallerIdentity&Version=2011-06-15&"), presigned.toString());
        assertTrue(presigned.getRawQuery().contains("X-Amz-SignedHeaders=host%3Bx-k8s-aws-id"), presigned.toString());
        assertTrue(presigned.getRawQuery().contains("X-Amz-Credential=moto-test%2F"), presigned.toString());
    }
}
