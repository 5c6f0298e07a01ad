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
 * loop, both warm, to the same loopback server. Prints the medians of several rounds and their ratio.
 */
public final class ActivityOverhead {
    private static final int ACTIVITIES = 500;
    private static final int ROUNDS = 7;

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
            double[] bare = new double[ROUNDS];
            double[] run = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                bare[r] = bare(client, request);
                run[r] = engineRound(engine, prepared);
            }
            double b = median(bare);
            double e = median(run);
            System.out.printf(Locale.ROOT, "http activity, engine:   %.3f ms (median of %d rounds of %d)%n",
                    e, ROUNDS, ACTIVITIES);
            System.out.printf(Locale.ROOT, "http request, bare OkHttp: %.3f ms%n", b);
            System.out.printf(Locale.ROOT, "ratio engine/bare:         %.2f%n", e / b);
        }
    }

    private static double bare(OkHttpClient client, Request request) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < ACTIVITIES; i++) {
            try (Response response = client.newCall(request).execute()) {
                response.body().string();
            }
        }
        return (System.nanoTime() - start) / 1e6 / ACTIVITIES;
    }

    /** Milliseconds per activity for a method of {@code ACTIVITIES} HTTP probes, journal included. */
    private static double engineRound(Engine engine, Prepared prepared) {
        long start = System.nanoTime();
        Journal journal = engine.run(prepared, RunSettings.DEFAULTS, RunListener.NONE, new RunControl(), "bench");
        Engine.document(prepared, journal);
        if (journal.run().size() != ACTIVITIES) throw new IllegalStateException("ran " + journal.run().size());
        return (System.nanoTime() - start) / 1e6 / ACTIVITIES;
    }

    private static java.util.Map<String, Object> experiment(String url) throws Exception {
        String probe = "{\"type\": \"probe\", \"name\": \"health\", \"provider\": {\"type\": \"http\", \"url\": \""
                + url + "\"}}";
        String method = String.join(",", java.util.Collections.nCopies(ACTIVITIES, probe));
        return ExperimentLoader.parse("{\"title\": \"bench\", \"description\": \"overhead\", \"method\": [" + method
                + "]}", ExperimentLoader.Format.JSON);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
