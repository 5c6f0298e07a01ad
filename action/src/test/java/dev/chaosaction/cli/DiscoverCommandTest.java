package dev.chaosaction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chaosaction.value.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chaos discover}, {@code chaos info} and unknown commands, beside Chaos Toolkit's own where it is installed. */
class DiscoverCommandTest {
    @TempDir
    Path dir;
    private final Console console = new Console();

    private int chaos(String... args) {
        return console.chaos(args);
    }

    private Map<?, ?> discover() throws Exception {
        return discover("chaostoolkit-kubernetes");
    }

    private Map<?, ?> discover(String extension) throws Exception {
        Path file = dir.resolve("out/discovery.json");
        assertEquals(0, chaos("discover", "--no-install", "--discovery-path", file.toString(), extension),
                console.errors());
        return (Map<?, ?>) Json.parse(Files.readString(file));
    }

    private static Map<String, Map<?, ?>> byName(Map<?, ?> discovery) {
        Map<String, Map<?, ?>> all = new HashMap<>();
        for (Object a : (List<?>) discovery.get("activities")) {
            all.put(((Map<?, ?>) a).get("mod") + "." + ((Map<?, ?>) a).get("name"), (Map<?, ?>) a);
        }
        return all;
    }

    @Test
    void discoveryHasChaosToolkitsShapeBuiltFromTheCatalog() throws Exception {
        Map<?, ?> d = discover();
        assertEquals(List.of("chaoslib_version", "id", "target", "date", "platform", "extension", "activities", "system"),
                List.copyOf(d.keySet()));
        assertEquals("kubernetes", d.get("target"));
        assertEquals(Map.of("name", "chaostoolkit-kubernetes", "version", "0.39.0"), d.get("extension"));
        Map<?, ?> terminate = byName(d).get("chaosk8s.pod.actions.terminate_pods");
        assertEquals("action", terminate.get("type"));
        Map<?, ?> qty = (Map<?, ?>) ((List<?>) terminate.get("arguments")).stream()
                .filter(a -> "qty".equals(((Map<?, ?>) a).get("name"))).findFirst().orElseThrow();
        assertEquals(Map.of("name", "qty", "default", 1L, "type", "integer"), qty);
        Map<?, ?> ready = byName(d).get("chaosk8s.probes.node_is_ready");
        assertEquals("probe", ready.get("type"));
        assertEquals("boolean", ready.get("return_type"));
        assertEquals(Map.of("name", "name", "type", "string"), ((List<?>) ready.get("arguments")).getFirst());
    }

    /**
     * The Prometheus probes as chaostoolkit-prometheus 0.6.0's own discovery lists them (its arguments besides
     * {@code configuration}, which chaoslib injects, their defaults and types, and the return types), except that
     * {@code timeout} and {@code step} take any value, as the extension passes them on (their annotations say
     * number and integer; Prometheus also takes a duration such as {@code "30s"}).
     */
    @Test
    void thePrometheusProbesAreDiscoveredAsChaosToolkitListsThem() throws Exception {
        Path file = dir.resolve("prometheus.json");
        assertEquals(0, chaos("discover", "--no-install", "--discovery-path", file.toString(),
                "chaostoolkit-prometheus"), console.errors());
        Map<?, ?> d = (Map<?, ?>) Json.parse(Files.readString(file));
        assertEquals("prometheus", d.get("target"));
        assertEquals(Map.of("name", "chaostoolkit-prometheus", "version", "0.6.0"), d.get("extension"));
        Map<String, String> expected = Map.of(
                "query", "mapping [query:string, when=null:string, timeout=null:object,"
                        + " verify_tls=true:boolean, secrets=null:mapping]",
                "query_interval", "mapping [query:string, start:string, end:string, step=1:object,"
                        + " timeout=null:object, verify_tls=true:boolean, secrets=null:mapping]",
                "compute_mean", "number [query:string, window=\"1d\":string, mean_type=\"arithmetic\":string,"
                        + " secrets=null:mapping]",
                "nodes_cpu_usage_mean", "number [window=\"1d\":string, secrets=null:mapping]");
        Map<String, String> ours = new HashMap<>();
        for (Object a : (List<?>) d.get("activities")) {
            Map<?, ?> activity = (Map<?, ?>) a;
            assertEquals("chaosprometheus.probes", activity.get("mod"));
            assertEquals("probe", activity.get("type"));
            List<String> arguments = ((List<?>) activity.get("arguments")).stream().map(x -> (Map<?, ?>) x)
                    .map(x -> x.get("name") + (x.containsKey("default") ? "=" + Json.write(x.get("default")) : "")
                            + ":" + x.get("type")).toList();
            ours.put((String) activity.get("name"), activity.get("return_type") + " " + arguments);
        }
        assertEquals(expected, ours);
    }

    /** chaostoolkit-aws 0.35.1's CloudWatch probes, with the arguments and return types its discovery lists. */
    @Test
    void theCloudWatchProbesAreDiscovered() throws Exception {
        Map<?, ?> d = discover("chaostoolkit-aws");
        assertEquals("aws", d.get("target"));
        assertEquals(Map.of("name", "chaostoolkit-aws", "version", "0.35.1"), d.get("extension"));
        Map<String, Map<?, ?>> probes = byName(d);
        assertEquals(List.of("alarm_name"), names(probes.get("chaosaws.cloudwatch.probes.get_alarm_state_value"),
                List.of("secrets")));
        assertEquals("string", probes.get("chaosaws.cloudwatch.probes.get_alarm_state_value").get("return_type"));
        assertEquals(List.of("namespace", "metric_name", "dimension_name", "dimension_value", "dimensions", "duration",
                "offset", "statistic", "extended_statistic", "unit"),
                names(probes.get("chaosaws.cloudwatch.probes.get_metric_statistics"), List.of("secrets")));
        Map<?, ?> data = probes.get("chaosaws.cloudwatch.probes.get_metric_data");
        assertEquals(List.of("namespace", "metric_name", "dimension_name", "dimension_value", "dimensions", "statistic",
                "duration", "period", "offset", "unit"), names(data, List.of("secrets")));
        assertEquals("number", data.get("return_type"));
        assertTrue(((List<?>) data.get("arguments")).contains(Map.of("name", "duration", "default", 300L,
                "type", "integer")), data.toString());
        assertEquals("probe", data.get("type"));
    }

    /** Every function Chaos Toolkit's own discovery lists that we serve takes the same arguments, in its order. */
    @Test
    void theArgumentsAreChaosToolkitsWhereItIsInstalled() throws Exception {
        String home = System.getenv("CHAOS_CTK_HOME");
        if ("true".equals(System.getenv("CI"))) assertTrue(home != null, "CHAOS_CTK_HOME must be set in CI");
        assumeTrue(home != null, "CHAOS_CTK_HOME is not set: no Chaos Toolkit to compare with");
        Path theirs = dir.resolve("ctk.json");
        Process ctk = new ProcessBuilder(home + "/bin/chaos", "--no-version-check", "--no-log-file", "discover",
                "--no-install", "--discovery-path", theirs.toString(), "chaostoolkit-kubernetes")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(ctk.waitFor(120, TimeUnit.SECONDS));
        Map<String, Map<?, ?>> reference = byName((Map<?, ?>) Json.parse(Files.readString(theirs)));
        Map<String, Map<?, ?>> ours = byName(discover());
        int compared = 0;
        for (var entry : ours.entrySet()) {
            Map<?, ?> expected = reference.get(entry.getKey());
            if (expected == null) continue; // ours only: node_is_ready, and functions the extension does not export
            List<Object> ctkNames = names(expected, List.of("configuration", "secrets"));
            List<Object> ourNames = names(entry.getValue(), List.of("secrets", "allow_empty", "use_eviction"));
            assertEquals(ctkNames, ourNames, entry.getKey());
            compared++;
        }
        assertTrue(compared >= 25, "compared " + compared);
    }

    private static List<Object> names(Map<?, ?> activity, List<String> leftOut) {
        return ((List<?>) activity.get("arguments")).stream().map(a -> ((Map<?, ?>) a).get("name"))
                .filter(n -> !leftOut.contains(n)).map(n -> (Object) n).toList();
    }

    @Test
    void aPackageNotServedIsNamedWithWhatIs() {
        assertEquals(1, chaos("discover", "--no-install", "--discovery-path", dir.resolve("d.json").toString(),
                "chaostoolkit-azure"));
        assertTrue(console.errors().contains("package 'chaostoolkit-azure' is not served; chaos-action serves natively"
                + " chaostoolkit-kubernetes, chaostoolkit-prometheus, chaostoolkit-aws, chaosaction-service-levels and"
                + " installs nothing"), console.errors());
        assertFalse(Files.exists(dir.resolve("d.json")));
    }

    @Test
    void infoCoreAndExtensions() {
        assertEquals(0, chaos("info", "core"));
        assertTrue(console.output().startsWith("NAME                VERSION\nCLI                 chaos-action"), console.output());
        assertTrue(console.output().contains("Core library        1.45.0"), console.output());
        console.forgetOutput();
        assertEquals(0, chaos("info", "extensions"));
        assertTrue(console.output().contains("\nchaostoolkit-kubernetes                 0.39.0    Apache-2.0"), console.output());
        assertEquals(2, chaos("info", "settings"));
        assertTrue(console.errors().contains("choose from: core, extensions"), console.errors());
    }

    @Test
    void anUnknownCommandNamesTheServedOnes() {
        assertEquals(2, chaos("--no-version-check", "init"));
        assertTrue(console.errors().contains("error: no such command 'init'; the commands served are run, validate,"),
                console.errors());
        assertTrue(console.errors().contains("discover, info"), console.errors());
    }
}
