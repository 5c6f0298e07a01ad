package dev.chaosaction.bench;

import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.activity.FunctionContext;
import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.policy.EgressPolicy;
import dev.chaosaction.servicelevels.ServiceLevels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The load probe's own cost: how many requests per second {@code measure} drives from this JVM (run it under
 * {@code taskset -c 0}: one core) against a loopback server, beside a bare OkHttp loop to the same server, one
 * thread and {@value #THREADS} threads. The probe is asked for far more than it can send ({@value #ASKED_RATE}
 * per second), so what it reaches is its ceiling. Rounds alternate; medians of {@value #ROUNDS} rounds, with the
 * process's CPU time per request (the server's is not counted when it runs in another process).
 */
public final class MeasureCost {
    private static final int ROUNDS = 5;
    private static final int REQUESTS = 4000;
    private static final int THREADS = 8;
    private static final long ASKED_RATE = 10_000;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private record Figures(double perSecond, double cpuMicros) {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        OkHttpClient client = new OkHttpClient();
        Request request = new Request.Builder().url(url).build();
        FunctionLibrary.Entry measure = ServiceLevels.libraryFactory(EgressPolicy.OPEN).create(Map.of(), Map.of(),
                Map.of()).find(ServiceLevels.MODULE, "measure").orElseThrow();
        Map<String, Object> all = measure.signature().withDefaults(Map.of("url", url, "requests", (long) REQUESTS,
                "rate", ASKED_RATE, "max_duration", 30L, "timeout", 5L));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Figures> one = new ArrayList<>();
        List<Figures> many = new ArrayList<>();
        List<Figures> probe = new ArrayList<>();
        Map<?, ?> last = null;
        for (int r = -1; r < ROUNDS; r++) { // round -1 warms every path up
            Figures a = timed(() -> bare(client, request, REQUESTS));
            Figures b = timed(() -> concurrent(pool, client, request));
            Map<?, ?>[] out = new Map<?, ?>[1];
            Figures c = timed(() -> out[0] = (Map<?, ?>) measure.function().call(all,
                    new FunctionContext(Map.of(), Map.of(), new CancelToken(), false, Map.of())));
            if (r < 0) continue;
            one.add(a);
            many.add(b);
            probe.add(new Figures(((Number) out[0].get("requests")).doubleValue()
                    / ((Number) out[0].get("duration_s")).doubleValue(), c.cpuMicros()));
            last = out[0];
        }
        pool.shutdownNow();
        print("bare OkHttp, 1 thread (closed loop)", one);
        print("bare OkHttp, " + THREADS + " threads (closed loop)", many);
        print("measure, asked " + ASKED_RATE + "/s (open loop, <= 64 in flight)", probe);
        System.out.println("measure's last round: errors " + last.get("errors") + ", latency_ms " + last.get("latency_ms"));
    }

    private interface Round {
        void run() throws Exception;
    }

    private static Figures timed(Round round) throws Exception {
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        round.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Figures(REQUESTS / seconds, (OS.getProcessCpuTime() - cpu) / 1e3 / REQUESTS);
    }

    private static void bare(OkHttpClient client, Request request, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            try (Response response = client.newCall(request).execute()) {
                response.body().bytes();
            }
        }
    }

    private static void concurrent(ExecutorService pool, OkHttpClient client, Request request) throws Exception {
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            parts.add(pool.submit(() -> {
                bare(client, request, REQUESTS / THREADS);
                return null;
            }));
        }
        for (Future<?> part : parts) part.get();
    }

    private static void print(String label, List<Figures> rounds) {
        System.out.printf(Locale.ROOT, "%s: %.0f req/s, %.1f us cpu/req%n", label,
                median(rounds.stream().mapToDouble(Figures::perSecond).toArray()),
                median(rounds.stream().mapToDouble(Figures::cpuMicros).toArray()));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
