package dev.chaosaction.servicelevels;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.activity.GuardedNetwork;
import dev.chaosaction.activity.RunInterrupted;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okio.Okio;

/**
 * Sends a {@link LoadSpec}'s requests open-loop: request i is due at {@code start + i / rate} whatever the
 * earlier ones are doing, and its latency is counted from that due time, not from when a connection became free.
 * A slow server therefore shows as slow for every request it held up (no coordinated omission), and never lowers
 * the offered rate. At most {@link #MAX_IN_FLIGHT} requests are in flight; the next ones wait for a slot, their
 * wait counted in their latency. Nothing is sent after {@code max_duration}; what is unanswered then is cancelled
 * and counted as an error. Cancelling the run cancels every call at once.
 */
final class LoadDriver {
    static final int MAX_IN_FLIGHT = 64;

    /**
     * One request's end.
     *
     * @param status  the HTTP status, or -1 when there was no answer
     * @param failure why there was no answer ({@code timeout}, {@code connection}, ...), else null
     * @param refusal the egress policy's refusal, else null
     */
    record Outcome(long dueNanos, long endNanos, int status, String failure, String refusal) {
        long latencyNanos() {
            return endNanos - dueNanos;
        }
    }

    /** What was sent and how it ended; {@code sent - outcomes.size()} were unanswered within max_duration. */
    record Result(List<Outcome> outcomes, int sent, long startNanos, long endNanos) {}

    private static final Outcome WAKE = new Outcome(0, 0, -1, null, null);

    private LoadDriver() {}

    static Result drive(OkHttpClient base, LoadSpec spec, CancelToken cancel) throws ActivityFailed {
        ExecutorService threads = Executors.newCachedThreadPool(
                Thread.ofPlatform().daemon().name("measure-", 0).factory());
        Dispatcher dispatcher = new Dispatcher(threads);
        dispatcher.setMaxRequests(MAX_IN_FLIGHT);
        dispatcher.setMaxRequestsPerHost(MAX_IN_FLIGHT);
        OkHttpClient client = base.newBuilder().dispatcher(dispatcher).callTimeout(spec.timeout())
                .connectTimeout(spec.timeout()).readTimeout(spec.timeout()).writeTimeout(spec.timeout())
                .followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(false).build();
        BlockingQueue<Outcome> done = new LinkedBlockingQueue<>();
        List<Outcome> outcomes = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + spec.maxDuration().toNanos();
        int sent = 0;
        try (CancelToken.Registration ignored = cancel.onCancel(() -> {
            dispatcher.cancelAll();
            done.add(WAKE);
        })) {
            for (int i = 0; i < spec.requests(); i++) {
                long due = start + i * spec.intervalNanos();
                if (due >= deadline) break;
                collect(done, outcomes, due, -1, cancel);
                if (System.nanoTime() >= deadline) break;
                client.newCall(spec.request(i)).enqueue(new Recorder(due, done));
                sent++;
            }
            collect(done, outcomes, deadline, sent, cancel);
            return new Result(List.copyOf(outcomes), sent, start, Math.min(System.nanoTime(), deadline));
        } finally {
            dispatcher.cancelAll();
            threads.shutdownNow();
        }
    }

    /**
     * Takes the outcomes that arrive until {@code until}, or until all {@code sent} are in (-1: wait till then).
     *
     * @throws ActivityFailed when the egress policy refused a request: no other is sent
     */
    private static void collect(BlockingQueue<Outcome> done, List<Outcome> outcomes, long until, int sent,
                                CancelToken cancel) throws ActivityFailed {
        while (true) {
            cancel.throwIfCancelled();
            long left = until - System.nanoTime();
            Outcome o;
            try {
                o = left > 0 && outcomes.size() != sent ? done.poll(left, TimeUnit.NANOSECONDS) : done.poll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel.cancel("thread interrupted");
                throw new RunInterrupted("thread interrupted");
            }
            if (o == null) {
                if (left <= 0 || outcomes.size() == sent) return;
                continue;
            }
            if (o == WAKE) continue;
            if (o.refusal() != null) throw new ActivityFailed(o.refusal());
            outcomes.add(o);
        }
    }

    /** Reads the answer to its end (so the connection is reused) and queues how the request ended. */
    private record Recorder(long due, BlockingQueue<Outcome> done) implements Callback {
        @Override
        public void onResponse(Call call, Response response) {
            try (response) {
                response.body().source().readAll(Okio.blackhole());
                done.add(new Outcome(due, System.nanoTime(), response.code(), null, null));
            } catch (IOException e) {
                onFailure(call, e);
            }
        }

        @Override
        public void onFailure(Call call, IOException e) {
            done.add(new Outcome(due, System.nanoTime(), -1, kind(e), GuardedNetwork.refusal(e)));
        }

        private static String kind(IOException e) {
            if (e instanceof InterruptedIOException) return "timeout";
            if (e instanceof java.net.ConnectException || e instanceof java.net.UnknownHostException) {
                return "connection";
            }
            return e.getClass().getSimpleName();
        }
    }
}
