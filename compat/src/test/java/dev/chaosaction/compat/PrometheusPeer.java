package dev.chaosaction.compat;

import dev.chaosaction.testing.PrometheusServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The real Prometheus both tools query in the {@code chaosprometheus} cases, started at the first such case and
 * shared by all. An experiment names it as {@code @PROMETHEUS@}, and names two moments whose answers never
 * change: {@code @PROMETHEUS_TIME@} (when the server held three scrapes of its target, to the second) and
 * {@code @PROMETHEUS_START@} (five seconds before), so that both tools get the same samples, timestamps included.
 */
final class PrometheusPeer {
    private static PrometheusServer server;

    private PrometheusPeer() {}

    static boolean wanted(String experiment) {
        return experiment.contains("@PROMETHEUS");
    }

    /** The experiment with the server and the moments written in. */
    static synchronized String substitute(String experiment) {
        if (server == null) {
            try {
                server = new PrometheusServer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Instant time = server.sampledAt().truncatedTo(ChronoUnit.SECONDS);
        return experiment.replace("@PROMETHEUS@", server.baseUrl())
                .replace("@PROMETHEUS_TIME@", time.toString())
                .replace("@PROMETHEUS_START@", time.minusSeconds(5).toString());
    }

    static synchronized void stop() {
        if (server != null) server.close();
        server = null;
    }
}
