package dev.chaosaction.bench;

import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.activity.FunctionContext;
import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.kubernetes.ClusterConnector;
import dev.chaosaction.kubernetes.Kubernetes;
import dev.chaosaction.kubernetes.KubernetesLibrary;
import dev.chaosaction.safety.Guardrails;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The Kubernetes client's first call in a fresh JVM, as a run makes it: {@code count_pods} through the
 * extension's library (the client built from {@code KUBECONFIG} at that first call, as
 * {@link Kubernetes#libraryFactory()} builds it, then one pod list). Prints the seconds to the library (after
 * {@link Kubernetes#prime}, the SnapStart hook's Kubernetes priming, when the third argument is {@code primed}),
 * the seconds of the call itself, and of those the seconds the client's build took (kubeconfig read, client
 * made): the rest is the first request, the pod list.
 * Arguments: the namespace, the label selector, optionally {@code primed}.
 */
public final class KubeFirstCall {
    private KubeFirstCall() {}

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        if (args.length > 2 && args[2].equals("primed")) Kubernetes.prime();
        AtomicLong build = new AtomicLong();
        Supplier<KubernetesClient> connect = () -> {
            long begun = System.nanoTime();
            KubernetesClient client = new ClusterConnector().connect(Map.of(), System.getenv()).client();
            build.set(System.nanoTime() - begun);
            return client;
        };
        try (FunctionLibrary library = new KubernetesLibrary(connect, Guardrails.from(System.getenv(), Map.of()))) {
            FunctionLibrary.Entry count = library.find("chaosk8s.pod.probes", "count_pods").orElseThrow();
            double ready = (System.nanoTime() - start) / 1e9;
            Object pods = count.function().call(count.signature().withDefaults(
                            Map.of("label_selector", args[1], "ns", args[0])),
                    new FunctionContext(Map.of(), Map.of(), new CancelToken(), false, Map.of()));
            double answered = (System.nanoTime() - start) / 1e9 - ready;
            System.out.printf(Locale.ROOT, "%.4f %.4f %.4f %s%n", ready, answered, build.get() / 1e9, pods);
        }
    }
}
