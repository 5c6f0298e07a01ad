package dev.chaosaction.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real Prometheus server (Debian's, from {@value #BIN}) on a free loopback port, scraping every second a
 * target the test serves itself: {@link #METRICS}, a counter, a gauge and a histogram with known values.
 */
public final class PrometheusServer implements AutoCloseable {
    public static final String BIN = "CHAOS_PROMETHEUS_BIN";
    /** The job the target is scraped as. */
    public static final String JOB = "shop";
    /** What the target serves, in Prometheus's text format; it never changes, so every sample is known. */
    public static final String METRICS = """
            # HELP shop_requests_total Requests served.
            # TYPE shop_requests_total counter
            shop_requests_total{code="200"} 1027
            shop_requests_total{code="500"} 3
            # HELP shop_temperature_celsius The shop's temperature.
            # TYPE shop_temperature_celsius gauge
            shop_temperature_celsius 21.5
            # HELP shop_latency_seconds Request latency.
            # TYPE shop_latency_seconds histogram
            shop_latency_seconds_bucket{le="0.1"} 90
            shop_latency_seconds_bucket{le="0.3"} 99
            shop_latency_seconds_bucket{le="+Inf"} 100
            shop_latency_seconds_sum 7.5
            shop_latency_seconds_count 100
            # HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
            # TYPE node_cpu_seconds_total counter
            node_cpu_seconds_total{cpu="0",mode="idle"} 5000
            """;
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);

    private final LocalServer target;
    private final Path dir;
    private final Process process;
    private final String baseUrl;
    private Instant sampled;

    /** Starts the server, or skips the test (fails it under {@code CI=true}) when the binary is not there. */
    public PrometheusServer() throws IOException {
        Path binary = Peers.fromEnv(BIN);
        target = new LocalServer();
        target.reply("/metrics", new LocalServer.Reply(200, "text/plain; version=0.0.4", METRICS, 0));
        dir = Files.createTempDirectory("prometheus-test");
        int port = Peers.freeLoopbackPort();
        baseUrl = "http://127.0.0.1:" + port;
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: %s
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(JOB, target.port()));
        process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            awaitSamples();
        } catch (RuntimeException | IOException e) {
            close();
            throw e;
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** When the server was seen holding three scrapes: a moment whose queries never change afterwards. */
    public Instant sampledAt() {
        return sampled;
    }

    /** The port of the target Prometheus scrapes (its {@code instance} label). */
    public int targetPort() {
        return target.port();
    }

    /** Waits until the server holds three scrapes of the target: enough for a rate over them. */
    private void awaitSamples() throws IOException {
        HttpClient client = HttpClient.newHttpClient();
        String ready = baseUrl + "/api/v1/query?query=" + URLEncoder.encode(
                "count_over_time(shop_temperature_celsius[1m]) >= 3", StandardCharsets.UTF_8);
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new IllegalStateException("Prometheus exited: " + log());
            try {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(ready)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"value\"")) {
                    sampled = Instant.now();
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep();
        }
        throw new IllegalStateException("Prometheus had no samples of the target within " + READY_WITHIN + ": "
                + log());
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("prometheus.log"));
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        target.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
