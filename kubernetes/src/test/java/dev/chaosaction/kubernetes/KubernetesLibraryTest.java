package dev.chaosaction.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.activity.Param;
import dev.chaosaction.activity.Signature;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.safety.Guardrails;
import dev.chaosaction.sandbox.Sandbox;
import dev.chaosaction.value.Py;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class KubernetesLibraryTest {
    private final KubernetesLibrary library = new KubernetesLibrary(() -> {
        throw new AssertionError("no call in this test needs the cluster");
    }, Guardrails.defaults());

    @Test
    void servesTheExtensionsModules() {
        assertEquals(Set.of("chaosk8s.pod.actions", "chaosk8s.pod.probes", "chaosk8s.node.probes",
                "chaosk8s.node.actions", "chaosk8s.deployment.probes", "chaosk8s.deployment.actions",
                "chaosk8s.probes", "chaosk8s.actions"), library.modules());
    }

    @Test
    void terminatePodsHasThePythonSignaturePlusOurTwoGuardrailParameters() {
        assertEquals(List.of("label_selector=None", "name_pattern=None", "all=False", "rand=False", "mode='fixed'",
                "qty=1", "grace_period=-1", "ns='default'", "order='alphabetic'", "allow_empty=False",
                "use_eviction=False"), describe(signature("chaosk8s.pod.actions", "terminate_pods")));
    }

    @Test
    void otherSignaturesMirrorTheExtension() {
        assertEquals(List.of("cmd", "label_selector=None", "name_pattern=None", "all=False", "rand=False",
                "mode='fixed'", "qty=1", "ns='default'", "order='alphabetic'", "container_name=None",
                "request_timeout=60"), describe(signature("chaosk8s.pod.actions", "exec_in_pods")));
        assertEquals(List.of("name=None", "last=None", "ns='default'", "from_previous=False",
                "label_selector='name in ({name})'", "container_name=None"),
                describe(signature("chaosk8s.pod.probes", "read_pod_logs")));
        assertEquals(List.of("label_selector", "phase='Running'", "min_count=2", "ns='default'"),
                describe(signature("chaosk8s.pod.probes", "count_min_pods")));
        assertEquals(List.of("condition_type='PIDPressure'", "condition_value='False'", "label_selector=None"),
                describe(signature("chaosk8s.node.probes", "verify_nodes_condition")));
        assertEquals(List.of("name=None", "label_selector=None", "delete_pods_with_local_storage=False",
                "timeout=120", "count=None", "pod_label_selector=None", "pod_namespace=None"),
                describe(signature("chaosk8s.node.actions", "drain_nodes")));
        assertEquals(List.of("name", "ns='default'", "label_selector=None", "timeout=30",
                "raise_on_not_fully_available=True"),
                describe(signature("chaosk8s.deployment.probes", "deployment_fully_available")));
        assertEquals(List.of("name", "replicas", "ns='default'"),
                describe(signature("chaosk8s.deployment.actions", "scale_deployment")));
        assertEquals(List.of("name"), describe(signature("chaosk8s.probes", "node_is_ready")));
    }

    @Test
    void bindingReportsUnknownMissingAndMistypedArguments() {
        Signature terminate = signature("chaosk8s.pod.actions", "terminate_pods");
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("label_selectors", "app=web");
        arguments.put("qty", "two");
        assertEquals(List.of(
                new Problem("/method/0/provider/arguments/label_selectors", "argument 'label_selectors' is not part "
                        + "of the function signature in activity 'terminate_pods'"),
                new Problem("/method/0/provider/arguments/qty", "argument 'qty' of 'terminate_pods' must be int, "
                        + "not str")),
                terminate.bind(arguments, "/method/0/provider/arguments", false));
        assertEquals(List.of(new Problem("/arguments", "required argument 'name' is missing from activity "
                + "'node_is_ready'")),
                signature("chaosk8s.probes", "node_is_ready").bind(Map.of(), "/arguments", false));
    }

    @Test
    void thePluralPodModulesAreAliases() {
        assertEquals(signature("chaosk8s.pod.actions", "terminate_pods"),
                library.find("chaosk8s.pods.actions", "terminate_pods").orElseThrow().signature());
        assertEquals(signature("chaosk8s.pod.probes", "count_pods"),
                library.find("chaosk8s.pods.probes", "count_pods").orElseThrow().signature());
    }

    @Test
    void unknownFunctionsAndModulesAreNotFound() {
        assertEquals(Optional.empty(), library.find("chaosk8s.pod.actions", "kill_everything"));
        assertEquals(Optional.empty(), library.find("chaosk8s.service.probes", "service_is_initialized"));
        assertEquals(Optional.empty(), library.find(null, "terminate_pods"));
    }

    @Test
    void theClientIsBuiltAtTheFirstCallOnlyAndClosedWithTheLibrary() throws ActivityFailed {
        try (Sandbox sandbox = Sandbox.start()) {
            AtomicInteger built = new AtomicInteger();
            List<KubernetesClient> clients = new ArrayList<>();
            KubernetesLibrary lazy = new KubernetesLibrary(() -> {
                built.incrementAndGet();
                KubernetesClient client = Chaosk8s.connect(sandbox);
                clients.add(client);
                return client;
            }, Guardrails.defaults());
            lazy.find("chaosk8s.pod.probes", "count_pods").orElseThrow();
            assertEquals(0, built.get());
            Map<String, Object> count = Map.of("label_selector", "app=web", "ns", "shop");
            assertEquals(3L, Chaosk8s.call(lazy, "chaosk8s.pod.probes", "count_pods", count, false));
            assertEquals(3L, Chaosk8s.call(lazy, "chaosk8s.pod.probes", "count_pods", count, false));
            assertEquals(1, built.get());
            lazy.close();
            assertThrows(RuntimeException.class, () -> clients.getFirst().pods().inNamespace("shop").list());
        }
    }

    @Test
    void aClientThatCannotBeBuiltFailsTheActivity() {
        KubernetesLibrary broken = new KubernetesLibrary(() -> {
            throw new IllegalStateException("no kubeconfig at /nowhere");
        }, Guardrails.defaults());
        ActivityFailed e = assertThrows(ActivityFailed.class, () -> Chaosk8s.call(broken, "chaosk8s.pod.probes",
                "count_pods", Map.of("label_selector", "app=web"), false));
        assertEquals("cannot connect to the Kubernetes cluster: no kubeconfig at /nowhere", e.getMessage());
    }

    @Test
    void anUnreachableApiServerFailsTheActivityInOneLine() {
        KubernetesLibrary unreachable = new KubernetesLibrary(() -> new KubernetesClientBuilder().withConfig(
                new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:1/").withRequestRetryBackoffLimit(0)
                        .build()).build(), Guardrails.defaults());
        ActivityFailed e = assertThrows(ActivityFailed.class, () -> Chaosk8s.call(unreachable, "chaosk8s.pod.probes",
                "count_pods", Map.of("label_selector", "app=web"), false));
        assertTrue(e.getMessage().startsWith("count_pods: Kubernetes API call failed: "), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("connect"), e.getMessage());
        unreachable.close();
    }

    @Test
    void lookingFunctionsUpLoadsNoFabric8Class() throws Exception {
        URL extensionClasses = KubernetesLibrary.class.getProtectionDomain().getCodeSource().getLocation();
        URL engineClasses = FunctionLibrary.class.getProtectionDomain().getCodeSource().getLocation();
        try (Fabric8Spy loader = new Fabric8Spy(extensionClasses, engineClasses)) {
            Class<?> libraryClass = loader.loadClass(KubernetesLibrary.class.getName());
            Class<?> guardrailsClass = loader.loadClass(Guardrails.class.getName());
            Object guardrails = guardrailsClass.getMethod("defaults").invoke(null);
            Supplier<Object> connect = () -> {
                throw new AssertionError("connected");
            };
            Object isolated = libraryClass.getConstructor(Supplier.class, guardrailsClass)
                    .newInstance(connect, guardrails);
            Method find = libraryClass.getMethod("find", String.class, String.class);
            assertTrue(((Optional<?>) find.invoke(isolated, "chaosk8s.pod.actions", "terminate_pods")).isPresent());
            assertTrue(((Optional<?>) find.invoke(isolated, "chaosk8s.probes", "node_is_ready")).isPresent());
            assertEquals(8, ((Set<?>) libraryClass.getMethod("modules").invoke(isolated)).size());
            assertEquals(List.of(), loader.fabric8Requests);
        }
    }

    private Signature signature(String module, String func) {
        return library.find(module, func).orElseThrow().signature();
    }

    /** Python's view of each parameter: its name, and its default when it has one. */
    private static List<String> describe(Signature signature) {
        return signature.params().stream().map(KubernetesLibraryTest::describe).toList();
    }

    private static String describe(Param p) {
        return p.required() ? p.name() : p.name() + "=" + Py.repr(p.defaultValue());
    }

    /** Loads the engine's classes afresh and notes every fabric8 class they ask for (it has none to give). */
    private static final class Fabric8Spy extends URLClassLoader {
        final List<String> fabric8Requests = new ArrayList<>();

        Fabric8Spy(URL... classes) {
            super(classes, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.fabric8.")) fabric8Requests.add(name);
            return super.loadClass(name, resolve);
        }
    }
}
