package dev.chaosaction.aws.eks;

import dev.chaosaction.kubernetes.ClusterConnector;

/** EKS as the Kubernetes extension's cluster connector reaches it ({@code eks_cluster_name}, {@code EKS_CLUSTER_NAME}). */
public final class Eks {
    private Eks() {}

    /** The real EKS, with the SDK's credentials; the AWS SDK is loaded only when a run names a cluster. */
    public static ClusterConnector.EksConfigSource clusters() {
        // A lambda, not a method reference: the EKS classes resolve only if it runs.
        return (cluster, region) -> new EksConnector().config(cluster, region);
    }
}
