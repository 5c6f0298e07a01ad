package dev.chaosaction.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.activity.FunctionContext;
import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.policy.EgressPolicy;
import dev.chaosaction.testing.Peers;
import dev.chaosaction.testing.PrometheusServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** chaosprometheus.probes against a real Prometheus scraping {@link PrometheusServer#METRICS}. */
class PrometheusProbesTest {
    private static PrometheusServer server;
    private final PrometheusLibrary library = new PrometheusLibrary(EgressPolicy.OPEN);

    /** One server for the class, started by the first test: a missing binary then skips each test, saying why. */
    @BeforeEach
    void start() throws Exception {
        if (server == null) server = new PrometheusServer();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void anInstantQueryReturnsThePrometheusDocumentAsItIs() throws Exception {
        Map<?, ?> answer = (Map<?, ?>) call("query", Map.of("query", "shop_temperature_celsius"));

        assertEquals("success", answer.get("status"));
        Map<?, ?> data = (Map<?, ?>) answer.get("data");
        assertEquals("vector", data.get("resultType"));
        Map<?, ?> sample = (Map<?, ?>) ((List<?>) data.get("result")).getFirst();
        assertEquals(Map.of("__name__", "shop_temperature_celsius", "instance", target(), "job",
                PrometheusServer.JOB), sample.get("metric"));
        assertEquals("21.5", ((List<?>) sample.get("value")).get(1));
    }

    @Test
    void queriesComputeOverTheScrapedCountersAndHistograms() throws Exception {
        assertEquals("1030", value(call("query", Map.of("query", "sum(shop_requests_total)", "when", "now"))));
        assertEquals("0.003", value(call("query", Map.of("query",
                "sum(shop_requests_total{code=\"500\"}) / 1000"))));
        // The 95th of 100 observations is the 5th of the 9 between 0.1 and 0.3: 0.1 + 0.2 * 5 / 9.
        assertEquals(0.1 + 0.2 * 5 / 9, Double.parseDouble(value(call("query", Map.of("query",
                "histogram_quantile(0.95, shop_latency_seconds_bucket)")))), 1e-9);
    }

    @Test
    void aRangeQueryReturnsTheSeriesOverTheInterval() throws Exception {
        Map<?, ?> answer = (Map<?, ?>) call("query_interval", Map.of("query", "shop_temperature_celsius",
                "start", "1 minute ago", "end", "now", "step", 1L));

        Map<?, ?> data = (Map<?, ?>) answer.get("data");
        assertEquals("matrix", data.get("resultType"));
        List<?> values = (List<?>) ((Map<?, ?>) ((List<?>) data.get("result")).getFirst()).get("values");
        assertFalse(values.isEmpty());
        for (Object point : values) assertEquals("21.5", ((List<?>) point).get(1));
    }

    @Test
    void stepsAndTimeoutsMayBeDurationsAsPrometheusTakesThem() throws Exception {
        Map<String, Object> everyTwoSeconds = Map.of("query", "shop_temperature_celsius", "start", "1 minute ago",
                "end", "now", "timeout", "5s");
        List<?> numbers = series(call("query_interval", with(everyTwoSeconds, "step", 2L)));
        List<?> durations = series(call("query_interval", with(everyTwoSeconds, "step", "2s")));

        assertFalse(durations.isEmpty());
        assertTrue(Math.abs(numbers.size() - durations.size()) <= 1, numbers + " / " + durations);
    }

    @Test
    void aQueryTheServerRejectsFailsWithItsAnswer() {
        ActivityFailed failed = assertThrows(ActivityFailed.class, () -> call("query", Map.of("query", "sum(")));

        assertTrue(failed.getMessage().startsWith("Prometheus query {'query': 'sum('} failed: "
                + "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":"), failed.getMessage());
    }

    @Test
    void aRangeTheServerRejectsFailsWithTheParametersSent() {
        ActivityFailed failed = assertThrows(ActivityFailed.class, () -> call("query_interval",
                Map.of("query", "up", "start", "2026-01-02T00:00:00Z", "end", "2026-01-01T00:00:00Z")));

        assertTrue(failed.getMessage().startsWith("Prometheus query range {'query': 'up', 'step': 1, 'start': "
                + "'2026-01-02T00:00:00.0Z', 'end': '2026-01-01T00:00:00.0Z'} failed: {\"status\":\"error\""),
                failed.getMessage());
    }

    @Test
    void aMomentThatDoesNotParseFailsBeforeAnyQuery() {
        ActivityFailed failed = assertThrows(ActivityFailed.class,
                () -> call("query", Map.of("query", "up", "when", "the day after tomorrow's lunch")));

        assertEquals("failed to parse 'the day after tomorrow's lunch'", failed.getMessage());
    }

    @Test
    void meansAreComputedOverTheWindow() throws Exception {
        for (String type : List.of("arithmetic", "geometric", "harmonic")) {
            assertEquals(21.5, (double) call("compute_mean", Map.of("query", "shop_temperature_celsius",
                    "window", "5 minutes", "mean_type", type)), 1e-9, type);
        }
        // The idle counter never moves: the CPUs are 100% busy.
        assertEquals(100.0, (double) call("nodes_cpu_usage_mean", Map.of("window", "1 hour")), 1e-9);
    }

    @Test
    void aMeanOfNothingFails() {
        ActivityFailed failed = assertThrows(ActivityFailed.class,
                () -> call("compute_mean", Map.of("query", "no_such_metric", "window", "5 minutes")));

        assertEquals("Prometheus query returned no range of values to compute a mean of", failed.getMessage());
    }

    @Test
    void aServerThatIsNotThereFailsTheProbe() {
        String nowhere = "http://127.0.0.1:" + Peers.freeLoopbackPort();

        ActivityFailed failed = assertThrows(ActivityFailed.class,
                () -> call(nowhere, "query", Map.of("query", "up")));

        assertTrue(failed.getMessage().startsWith("failed to connect to " + nowhere + "/api/v1/query?query=up"),
                failed.getMessage());
    }

    @Test
    void aBaseUrlWithoutSchemeFailsTheProbeOnly() {
        ActivityFailed failed = assertThrows(ActivityFailed.class,
                () -> call("127.0.0.1:9090", "query", Map.of("query", "up")));

        assertTrue(failed.getMessage().startsWith("Invalid URL '127.0.0.1:9090/api/v1/query': No scheme supplied"),
                failed.getMessage());
    }

    private static String target() {
        return "127.0.0.1:" + server.targetPort();
    }

    private Object call(String func, Map<String, Object> args) throws ActivityFailed {
        return call(server.baseUrl(), func, args);
    }

    private Object call(String baseUrl, String func, Map<String, Object> args) throws ActivityFailed {
        FunctionLibrary.Entry entry = library.find(PrometheusLibrary.MODULE, func).orElseThrow();
        assertTrue(entry.signature().bind(args, "/arguments", false).isEmpty());
        Map<String, Object> configuration = new HashMap<>();
        configuration.put(PrometheusApi.BASE_URL, baseUrl);
        return entry.function().call(entry.signature().withDefaults(args),
                new FunctionContext(configuration, Map.of(), new CancelToken(), false, Map.of()));
    }

    private static Map<String, Object> with(Map<String, Object> args, String key, Object value) {
        Map<String, Object> all = new HashMap<>(args);
        all.put(key, value);
        return all;
    }

    private static List<?> series(Object answer) {
        Map<?, ?> data = (Map<?, ?>) ((Map<?, ?>) answer).get("data");
        return (List<?>) ((Map<?, ?>) ((List<?>) data.get("result")).getFirst()).get("values");
    }

    private static String value(Object answer) {
        Map<?, ?> data = assertInstanceOf(Map.class, ((Map<?, ?>) answer).get("data"));
        return (String) ((List<?>) ((Map<?, ?>) ((List<?>) data.get("result")).getFirst()).get("value")).get(1);
    }
}
