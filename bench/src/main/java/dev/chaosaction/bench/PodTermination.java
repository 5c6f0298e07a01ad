package dev.chaosaction.bench;

import dev.chaosaction.config.Overrides;
import dev.chaosaction.experiment.ExperimentLoader;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.RunItem;
import dev.chaosaction.kubernetes.Kubernetes;
import dev.chaosaction.run.Engine;
import dev.chaosaction.run.EngineOptions;
import dev.chaosaction.run.Prepared;
import dev.chaosaction.run.RunControl;
import dev.chaosaction.run.RunListener;
import dev.chaosaction.run.RunSettings;
import dev.chaosaction.sandbox.Sandbox;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code terminate_pods(all=True)} over N pods of the sandbox's simulated cluster (fabric8's mock API server in
 * CRUD mode, deleted pods not replaced during the run), through the engine as an experiment runs it. The
 * method's first activity ({@code count_pods}) opens the client from the kubeconfig: in the first round, its
 * duration is the first-call cost. Then, to tell the engine's cost from the server's, the same N deletes made
 * straight with the fabric8 client from 1 and from 8 threads (their list is not timed; terminate_pods's own list
 * is). Prints the first-call cost, then one line per N (arguments: the Ns, default 10 100 1000).
 */
public final class PodTermination {
    private static final String EXPERIMENT = """
            {"title": "terminate all", "description": "bench",
             "method": [
               {"type": "probe", "name": "count", "provider": {"type": "python", "module": "chaosk8s.pod.probes",
                "func": "count_pods", "arguments": {"label_selector": "app=web", "ns": "shop"}}},
               {"type": "action", "name": "terminate", "provider": {"type": "python", "module": "chaosk8s.pod.actions",
                "func": "terminate_pods", "arguments": {"label_selector": "app=web", "ns": "shop", "all": true}}}]}
            """;

    private PodTermination() {}

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = args.length == 0 ? List.of(10, 100, 1000) : List.of(args).stream().map(Integer::valueOf).toList();
        // A round of each first, so that neither side pays the JIT for the other: only its first call is reported.
        double firstCall = throughEngine(1000)[0];
        straight(1000, 8);
        System.out.printf(Locale.ROOT, "client from kubeconfig, first call in a fresh JVM: %.3f s%n", firstCall);
        for (int n : sizes) {
            double[] engine = throughEngine(n);
            double sequential = straight(n, 1);
            double parallel = straight(n, 8);
            System.out.printf(Locale.ROOT, "terminate_pods(all=True), %4d pods: %.3f s (one list, then the deletes);"
                    + " mock server alone, %d deletes: %.3f s from 1 thread, %.3f s from 8%n",
                    n, engine[1], n, sequential, parallel);
        }
    }

    /** Seconds of the first activity (client opened, one list) and of terminate_pods. */
    private static double[] throughEngine(int pods) throws Exception {
        try (Sandbox sandbox = sandbox(pods)) {
            Engine engine = new Engine(EngineOptions.of(Map.of("KUBECONFIG", sandbox.kubeconfig().toString(),
                    "CHAOS_MAX_PODS", Integer.toString(pods)), List.of(Kubernetes.libraryFactory())));
            Prepared prepared = engine.prepare(ExperimentLoader.parse(EXPERIMENT, ExperimentLoader.Format.JSON),
                    Overrides.NONE, true);
            Journal journal = engine.run(prepared, RunSettings.DEFAULTS, RunListener.NONE, new RunControl(), "bench");
            List<RunItem> run = journal.run();
            List<?> terminated = (List<?>) run.get(1).output();
            int left = sandbox.client().pods().inNamespace("shop").withLabel("app", "web").list().getItems().size();
            if (terminated == null || terminated.size() != pods || left != 0) {
                throw new IllegalStateException("terminated " + terminated + ", " + left + " left: " + run.get(1).failure());
            }
            return new double[] {run.get(0).durationSeconds(), run.get(1).durationSeconds()};
        }
    }

    /** Seconds to delete every pod by name with the fabric8 client from {@code threads} threads. */
    private static double straight(int pods, int threads) throws Exception {
        try (Sandbox sandbox = sandbox(pods)) {
            KubernetesClient client = sandbox.client();
            List<String> names = client.pods().inNamespace("shop").list().getItems().stream()
                    .map(p -> p.getMetadata().getName()).toList();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                long start = System.nanoTime();
                List<Future<?>> pending = new ArrayList<>();
                for (String name : names) pending.add(pool.submit(() -> client.pods().inNamespace("shop").withName(name).delete()));
                for (Future<?> f : pending) f.get();
                return (System.nanoTime() - start) / 1e9;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static Sandbox sandbox(int pods) {
        Sandbox sandbox = Sandbox.builder().replicas(pods).recreateDelay(Duration.ofHours(1)).start();
        sandbox.awaitReady(Duration.ofSeconds(120));
        return sandbox;
    }
}
