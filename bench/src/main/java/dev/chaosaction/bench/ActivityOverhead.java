package dev.chaosaction.bench;

import dev.chaosaction.config.Overrides;
import dev.chaosaction.experiment.ExperimentLoader;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.run.Engine;
import dev.chaosaction.run.EngineOptions;
import dev.chaosaction.run.Prepared;
import dev.chaosaction.run.RunControl;
import dev.chaosaction.run.RunListener;
import dev.chaosaction.run.RunSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The engine's cost per HTTP-probe activity against the raw cost of the same request with a bare OkHttp
 * loop, both warm, to the same loopback server. Rounds of each alternate; prints the medians of the wall time
 * and of the process's CPU time per request (server included: the same for both, and much less sensitive than
 * wall time to other processes on a shared machine), and the median of each round's ratio to the bare round
 * beside it: paired so that what the machine does meanwhile weighs on both sides alike.
 */
public final class ActivityOverhead {
    private static final int ACTIVITIES = 500;
    private static final int ROUNDS = 31;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        try (LoopbackServer server = new LoopbackServer()) {
            Engine engine = new Engine(EngineOptions.of(System.getenv(), List.of()));
            Prepared prepared = engine.prepare(experiment(server.url()), Overrides.NONE, true);
            OkHttpClient client = new OkHttpClient();
            Request request = new Request.Builder().url(server.url()).build();
            for (int i = 0; i < 3; i++) { // warm both paths up
                bare(client, request);
                engineRound(engine, prepared);
            }
            double[][] bare = new double[2][ROUNDS];
            double[][] run = new double[2][ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                measure(bare, r, () -> bare(client, request));
                measure(run, r, () -> engineRound(engine, prepared));
            }
            System.out.printf(Locale.ROOT, "http activity, engine:     %.3f ms wall, %.3f ms cpu (medians of %d rounds of %d)%n",
                    median(run[0]), median(run[1]), ROUNDS, ACTIVITIES);
            System.out.printf(Locale.ROOT, "http request, bare OkHttp: %.3f ms wall, %.3f ms cpu%n",
                    median(bare[0]), median(bare[1]));
            System.out.printf(Locale.ROOT, "ratio engine/bare:         %.2f wall, %.2f cpu%n",
                    median(ratios(run[0], bare[0])), median(ratios(run[1], bare[1])));
        }
    }

    private interface Round {
        void run() throws Exception;
    }

    /** Milliseconds of wall and of process CPU time per request of one round, into {@code into[0|1][round]}. */
    private static void measure(double[][] into, int round, Round work) throws Exception {
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        work.run();
        into[0][round] = (System.nanoTime() - start) / 1e6 / ACTIVITIES;
        into[1][round] = (OS.getProcessCpuTime() - cpu) / 1e6 / ACTIVITIES;
    }

    private static void bare(OkHttpClient client, Request request) throws Exception {
        for (int i = 0; i < ACTIVITIES; i++) {
            try (Response response = client.newCall(request).execute()) {
                response.body().string();
            }
        }
    }

    /** A method of {@code ACTIVITIES} HTTP probes, journal document included. */
    private static void engineRound(Engine engine, Prepared prepared) {
        Journal journal = engine.run(prepared, RunSettings.DEFAULTS, RunListener.NONE, new RunControl(), "bench");
        Engine.document(prepared, journal);
        if (journal.run().size() != ACTIVITIES) throw new IllegalStateException("ran " + journal.run().size());
    }

    private static java.util.Map<String, Object> experiment(String url) throws Exception {
        String probe = "{\"type\": \"probe\", \"name\": \"health\", \"provider\": {\"type\": \"http\", \"url\": \""
                + url + "\"}}";
        String method = String.join(",", java.util.Collections.nCopies(ACTIVITIES, probe));
        return ExperimentLoader.parse("{\"title\": \"bench\", \"description\": \"overhead\", \"method\": [" + method
                + "]}", ExperimentLoader.Format.JSON);
    }

    private static double[] ratios(double[] engine, double[] bare) {
        double[] ratios = new double[engine.length];
        for (int r = 0; r < ratios.length; r++) ratios[r] = engine[r] / bare[r];
        return ratios;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
