package dev.chaosaction.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.activity.FunctionContext;
import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.safety.Guardrails;
import dev.chaosaction.sandbox.ApiCall;
import dev.chaosaction.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The library as the engine drives it, against a sandbox: arguments bound to the function's signature
 * (unknown or missing ones fail the test), defaults filled in, then the call. A test class holds one per test as
 * {@code @RegisterExtension final Chaosk8s k8s = ...}; the sandbox stops after each test.
 */
final class Chaosk8s implements AutoCloseable, AfterEachCallback {

    final Sandbox sandbox;
    final KubernetesClient client;
    final KubernetesLibrary library;

    Chaosk8s(Sandbox sandbox, Guardrails guardrails) {
        this.sandbox = sandbox;
        this.client = sandbox.client();
        this.library = new KubernetesLibrary(() -> connect(sandbox), guardrails);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** A sandbox whose deleted pods stay deleted for the length of a test. */
    static Chaosk8s withoutRecovery() {
        return new Chaosk8s(Sandbox.builder().recreateDelay(Duration.ofHours(1)).start(), Guardrails.defaults());
    }

    /** A sandbox that recreates deleted pods quickly. */
    static Chaosk8s withRecovery(Guardrails guardrails) {
        return new Chaosk8s(Sandbox.builder().recreateDelay(Duration.ofMillis(100)).readyDelay(Duration.ofMillis(50))
                .start(), guardrails);
    }

    /** A client from the sandbox's kubeconfig, as a user's would be; no retries, so a 429 shows at once. */
    static KubernetesClient connect(Sandbox sandbox) {
        return connect(sandbox.kubeconfig());
    }

    /** A client from a kubeconfig file, as a user's would be; no retries. */
    static KubernetesClient connect(Path kubeconfig) {
        try {
            Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
            return new KubernetesClientBuilder().withConfig(new ConfigBuilder(config)
                    .withRequestRetryBackoffLimit(0).build()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object call(String module, String func, Map<String, Object> arguments) throws ActivityFailed {
        return call(library, module, func, arguments, false);
    }

    Object dryRun(String module, String func, Map<String, Object> arguments) throws ActivityFailed {
        return call(library, module, func, arguments, true);
    }

    static Object call(FunctionLibrary library, String module, String func, Map<String, Object> arguments,
                       boolean dryRun) throws ActivityFailed {
        FunctionLibrary.Entry entry = library.find(module, func).orElseThrow();
        assertEquals(List.of(), entry.signature().bind(arguments, "/arguments", false));
        return entry.function().call(entry.signature().withDefaults(arguments), context(dryRun));
    }

    static FunctionContext context(boolean dryRun) {
        return new FunctionContext(Map.of(), Map.of(), new CancelToken(), dryRun, Map.of());
    }

    /** The Deployment's pods in the order the API lists them. */
    List<Pod> pods() {
        return client.pods().inNamespace("shop").withLabel("app", "web").list().getItems();
    }

    List<String> podNames() {
        return pods().stream().map(p -> p.getMetadata().getName()).toList();
    }

    /** The DELETE and eviction requests clients sent. */
    List<ApiCall> deletions() {
        return sandbox.apiCalls().stream()
                .filter(c -> c.method().equals("DELETE") || c.path().endsWith("/eviction")).toList();
    }

    void setSchedulable(String node, boolean schedulable) {
        setSchedulable(client, node, schedulable);
    }

    static void setSchedulable(KubernetesClient client, String node, boolean schedulable) {
        client.nodes().withName(node).edit(n -> {
            n.getSpec().setUnschedulable(!schedulable);
            return n;
        });
    }

    static void await(BooleanSupplier condition) {
        assertTrue(Sandbox.await(Duration.ofSeconds(10), condition), "condition not reached within 10 s");
    }


    @Override
    public void close() {
        library.close();
        sandbox.close();
    }
}
