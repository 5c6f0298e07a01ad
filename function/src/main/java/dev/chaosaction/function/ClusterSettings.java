package dev.chaosaction.function;

import dev.chaosaction.experiment.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The configuration keys that choose which cluster a run acts on and how it trusts it. In the Lambda they are the
 * deployment's (its environment: {@code EKS_CLUSTER_NAME}, {@code AWS_REGION}, ...): an experiment or a payload
 * that names them is refused, so that whoever writes experiments cannot point the function's role at another
 * cluster or switch off TLS verification.
 */
final class ClusterSettings {
    static final List<String> KEYS = List.of("kubeconfig", "kubernetes_context", "eks_cluster_name", "aws_region",
            "kubernetes_insecure_skip_tls_verify");

    private ClusterSettings() {}

    /** One problem per cluster key of {@code configuration}, at {@code path}/key. */
    static List<Problem> named(Map<?, ?> configuration, String path) {
        List<Problem> problems = new ArrayList<>();
        for (String key : KEYS) {
            if (configuration.containsKey(key)) {
                problems.add(new Problem(Problem.child(path, key), "the cluster is the deployment's setting in the "
                        + "function (its environment); an experiment or a payload cannot choose it"));
            }
        }
        return problems;
    }
}
