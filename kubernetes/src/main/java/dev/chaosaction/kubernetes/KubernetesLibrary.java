package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.activity.Signature;
import dev.chaosaction.safety.Guardrails;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Chaos Toolkit Kubernetes extension ({@code chaosk8s}) in Java: its functions under their Python module
 * and function names, with their parameters, defaults and return values, on the fabric8 client.
 *
 * <p>One instance serves one run. The client is built by {@code connect} at the first call that needs the
 * cluster, shared by the run's calls and closed by {@link #close}. Looking functions up loads no fabric8
 * class, so an experiment that never calls one pays nothing for it.
 *
 * <p>Module aliases: {@code chaosk8s.pods.*} (the product brief's spelling) means {@code chaosk8s.pod.*}.
 */
public final class KubernetesLibrary implements FunctionLibrary {
    private static final String PLURAL_POD_MODULES = "chaosk8s.pods.";
    private static final String POD_MODULES = "chaosk8s.pod.";

    private final Cluster cluster;

    /**
     * @param connect    builds the client; called once, at the first call that needs the cluster
     * @param guardrails the run's guardrails, checked before any fault
     */
    public KubernetesLibrary(Supplier<? extends KubernetesClient> connect, Guardrails guardrails) {
        this.cluster = new Cluster(connect, guardrails);
    }

    @Override
    public Optional<Entry> find(String module, String func) {
        Catalog.Function function = Catalog.find(canonicalModule(module), func);
        if (function == null) return Optional.empty();
        String name = function.signature().func();
        return Optional.of(new Entry(function.signature(),
                (arguments, context) -> Api.invoke(function.impl(), cluster, new Args(name, arguments), context)));
    }

    @Override
    public Set<String> modules() {
        return Catalog.modules();
    }

    @Override
    public List<Signature> signatures() {
        return Catalog.signatures();
    }

    @Override
    public void close() {
        cluster.close();
    }

    private static String canonicalModule(String module) {
        return module != null && module.startsWith(PLURAL_POD_MODULES)
                ? POD_MODULES + module.substring(PLURAL_POD_MODULES.length())
                : module;
    }
}
