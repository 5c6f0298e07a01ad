package dev.chaosaction.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.safety.Guardrails;
import dev.chaosaction.value.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The two experiments in {@code examples/}: every Kubernetes provider in them names a function we serve with
 * arguments that bind, and, with the configuration's defaults, each runs against the sandbox. (The whole
 * experiment, HTTP probe and tolerances included, is run end to end by the command line's tests.)
 */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    @RegisterExtension
    final Chaosk8s k8s = Chaosk8s.withRecovery(Guardrails.defaults());

    @Test
    void healthCheckRunsAgainstTheSandbox() throws Exception {
        Map<?, ?> experiment = read("health-check.json");
        List<Map<?, ?>> providers = kubernetesProviders(experiment);
        assertEquals(List.of("chaosk8s.probes.node_is_ready", "chaosk8s.pod.probes.count_pods"),
                providers.stream().map(p -> p.get("module") + "." + p.get("func")).toList());
        assertEquals(List.of(true, 3L), run(experiment, providers));
        assertHealthUp(experiment);
    }

    @Test
    void terminatePodRunsAgainstTheSandbox() throws Exception {
        Map<?, ?> experiment = read("terminate-pod.json");
        List<Map<?, ?>> providers = kubernetesProviders(experiment);
        assertEquals(List.of("chaosk8s.node.probes.all_nodes_must_be_ready_to_schedule",
                "chaosk8s.pod.actions.terminate_pods"),
                providers.stream().map(p -> p.get("module") + "." + p.get("func")).toList());
        List<String> before = k8s.podNames();
        List<Object> results = run(experiment, providers);
        assertEquals(true, results.get(0));
        List<?> terminated = (List<?>) results.get(1);
        assertEquals(1, terminated.size());
        assertTrue(before.contains(terminated.getFirst()));
        k8s.sandbox.awaitReady(java.time.Duration.ofSeconds(10));
        assertHealthUp(experiment);
    }

    private static Map<?, ?> read(String name) throws IOException {
        return (Map<?, ?>) Json.parse(Files.readString(EXAMPLES.resolve(name)));
    }

    /** The python providers and the brief's "kubernetes" ones, hypothesis first, then method and rollbacks. */
    private static List<Map<?, ?>> kubernetesProviders(Map<?, ?> experiment) {
        List<Object> activities = new ArrayList<>((List<?>) ((Map<?, ?>) experiment.get("steady-state-hypothesis"))
                .get("probes"));
        activities.addAll((List<?>) experiment.get("method"));
        activities.addAll((List<?>) experiment.get("rollbacks"));
        List<Map<?, ?>> providers = new ArrayList<>();
        for (Object activity : activities) {
            Map<?, ?> provider = (Map<?, ?>) ((Map<?, ?>) activity).get("provider");
            if (List.of("python", "kubernetes").contains(provider.get("type"))) providers.add(provider);
        }
        return providers;
    }

    /** Binds each provider's arguments (placeholders left for later), then calls it with the defaults filled in. */
    private List<Object> run(Map<?, ?> experiment, List<Map<?, ?>> providers) throws ActivityFailed {
        Map<String, Object> defaults = defaults(experiment);
        List<Object> results = new ArrayList<>();
        for (Map<?, ?> provider : providers) {
            FunctionLibrary.Entry entry = k8s.library.find((String) provider.get("module"),
                    (String) provider.get("func")).orElseThrow();
            Map<String, Object> arguments = new LinkedHashMap<>();
            Map<?, ?> given = provider.get("arguments") instanceof Map<?, ?> m ? m : Map.of();
            given.forEach((k, v) -> arguments.put((String) k, v));
            assertEquals(List.of(), entry.signature().bind(arguments, "/provider/arguments", true));
            arguments.replaceAll((k, v) -> v instanceof String s && s.startsWith("${") ? defaults.get(s) : v);
            results.add(Chaosk8s.call(k8s.library, (String) provider.get("module"), (String) provider.get("func"),
                    arguments, false));
        }
        return results;
    }

    /** "${key}" to the default of each {"type": "env", ...} configuration entry. */
    private static Map<String, Object> defaults(Map<?, ?> experiment) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        ((Map<?, ?>) experiment.get("configuration")).forEach((key, value) ->
                defaults.put("${" + key + "}", ((Map<?, ?>) value).get("default")));
        return defaults;
    }

    /** The HTTP probe's URL, pointed at the sandbox's health endpoint, answers UP. */
    private void assertHealthUp(Map<?, ?> experiment) throws IOException, InterruptedException {
        Map<?, ?> http = (Map<?, ?>) ((Map<?, ?>) ((List<?>) ((Map<?, ?>) experiment.get("steady-state-hypothesis"))
                .get("probes")).getFirst()).get("provider");
        String url = ((String) http.get("url")).replace("${base_url}", k8s.sandbox.healthUrl().replace("/health", ""));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("UP", ((Map<?, ?>) Json.parse(response.body())).get("status"));
    }
}
