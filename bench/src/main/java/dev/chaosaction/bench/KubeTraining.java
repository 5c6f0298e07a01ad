package dev.chaosaction.bench;

import dev.chaosaction.kubernetes.Kubernetes;

/**
 * {@code bin/chaos}'s training run ({@code dev.chaosaction.cli.Training}, found on the class path: it lives in the
 * command's jar), then {@link Kubernetes#prime}: the AOT cache it makes holds the Kubernetes path as well, and
 * {@code bench/kube.sh} runs beside the launcher's own cache on it, to show what training on that path gives.
 */
public final class KubeTraining {
    private KubeTraining() {}

    public static void main(String[] args) throws Exception {
        Class.forName("dev.chaosaction.cli.Training").getMethod("main", String[].class)
                .invoke(null, (Object) new String[0]);
        Kubernetes.prime();
    }
}
