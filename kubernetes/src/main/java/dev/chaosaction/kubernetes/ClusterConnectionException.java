package dev.chaosaction.kubernetes;

/**
 * The cluster could not be reached or named: a missing kubeconfig or context, an EKS cluster DescribeCluster
 * cannot find, no region. The message says which source was tried and why it failed, for the user to act on;
 * callers running an activity turn it into a failed activity.
 */
public class ClusterConnectionException extends RuntimeException {
    public ClusterConnectionException(String message) {
        super(message);
    }

    public ClusterConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
