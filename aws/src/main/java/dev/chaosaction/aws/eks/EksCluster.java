package dev.chaosaction.aws.eks;

import dev.chaosaction.kubernetes.ClusterConnectionException;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.EksClientBuilder;
import software.amazon.awssdk.services.eks.model.Cluster;

/**
 * What a client needs to reach an EKS cluster's API server, as EKS DescribeCluster reports it.
 *
 * @param name                 the cluster's name
 * @param region               where it runs
 * @param endpoint             the API server URL
 * @param certificateAuthority base64 of the PEM CA that signs the API server's certificate
 */
public record EksCluster(String name, Region region, String endpoint, String certificateAuthority) {

    /**
     * Calls DescribeCluster (IAM {@code eks:DescribeCluster}).
     *
     * @param endpointOverride the EKS endpoint to call instead of the region's, or null
     * @throws ClusterConnectionException naming the cluster and AWS's reason when the call fails
     */
    public static EksCluster describe(String name, Region region, AwsCredentialsProvider credentials,
                                      URI endpointOverride) {
        EksClientBuilder builder = EksClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (endpointOverride != null) builder.endpointOverride(endpointOverride);
        Cluster cluster;
        try (EksClient eks = builder.build()) {
            cluster = eks.describeCluster(request -> request.name(name)).cluster();
        } catch (SdkException e) {
            throw new ClusterConnectionException(where(name, region) + ": DescribeCluster failed: " + reason(e), e);
        }
        if (cluster.endpoint() == null || cluster.certificateAuthority() == null) {
            throw new ClusterConnectionException(where(name, region) + " has no API endpoint yet (status "
                    + cluster.statusAsString() + ")");
        }
        return new EksCluster(name, region, cluster.endpoint(), cluster.certificateAuthority().data());
    }

    private static String where(String name, Region region) {
        return "EKS cluster '" + name + "' in " + region.id();
    }

    /** AWS's error code and message, without the request ids the SDK appends. */
    private static String reason(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage()
                    + " (HTTP " + service.statusCode() + ")";
        }
        return e.getMessage();
    }
}
