package dev.chaosaction.bench;

import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.activity.FunctionContext;
import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.kubernetes.Kubernetes;
import java.util.Locale;
import java.util.Map;

/**
 * The Kubernetes client's first call in a fresh JVM, as a run makes it: {@code count_pods} through the
 * extension's library (the client built from {@code KUBECONFIG} at that first call, then one pod list). Prints
 * the seconds to the library (after {@link Kubernetes#prime}, the SnapStart hook's Kubernetes priming, when the
 * third argument is {@code primed}) and the seconds of the call itself.
 * Arguments: the namespace, the label selector, optionally {@code primed}.
 */
public final class KubeFirstCall {
    private KubeFirstCall() {}

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        if (args.length > 2 && args[2].equals("primed")) Kubernetes.prime();
        try (FunctionLibrary library = Kubernetes.libraryFactory().create(Map.of(), System.getenv(), Map.of())) {
            FunctionLibrary.Entry count = library.find("chaosk8s.pod.probes", "count_pods").orElseThrow();
            double ready = (System.nanoTime() - start) / 1e9;
            Object pods = count.function().call(count.signature().withDefaults(
                            Map.of("label_selector", args[1], "ns", args[0])),
                    new FunctionContext(Map.of(), Map.of(), new CancelToken(), false, Map.of()));
            double answered = (System.nanoTime() - start) / 1e9 - ready;
            System.out.printf(Locale.ROOT, "%.4f %.4f %s%n", ready, answered, pods);
        }
    }
}
