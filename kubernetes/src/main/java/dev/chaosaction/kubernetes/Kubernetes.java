package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.FunctionLibraryFactory;
import dev.chaosaction.safety.Guardrails;

/**
 * The Kubernetes extension's functions as adapters plug them into the engine: one library per run, whose
 * cluster connection (kubeconfig, EKS, in-cluster, default; see {@link ClusterConnector}) is only made when a
 * function first needs it, and whose guardrails come from the environment and the experiment's runtime block.
 */
public final class Kubernetes {
    private Kubernetes() {}

    /** Without EKS: kubeconfig, in-cluster and default connections only. */
    public static FunctionLibraryFactory libraryFactory() {
        return libraryFactory(ClusterConnector.EksConfigSource.NONE);
    }

    /** @param eks how an EKS cluster is reached (the aws module's, made only when a run names a cluster) */
    public static FunctionLibraryFactory libraryFactory(ClusterConnector.EksConfigSource eks) {
        return (configuration, env, runtime) -> new KubernetesLibrary(
                () -> new ClusterConnector(eks, ClusterConnector.SERVICE_ACCOUNT).connect(configuration, env).client(),
                Guardrails.from(env, runtime));
    }

    /**
     * Walks the Kubernetes path once without a cluster (client built from a built-in kubeconfig, pods listed and
     * one terminated, every request answered inside the process): for a SnapStart snapshot or an AOT cache's
     * training run, which should hold that path warm but must not contact anything.
     */
    public static void prime() {
        KubernetesPriming.prime();
    }
}
