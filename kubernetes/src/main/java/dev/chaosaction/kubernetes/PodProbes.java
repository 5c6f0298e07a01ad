package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.FunctionContext;
import dev.chaosaction.value.Py;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.Loggable;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code chaosk8s.pod.probes}: they return booleans, counts and logs, and never change anything. */
final class PodProbes {
    private static final String NAME_PLACEHOLDER = "{name}";

    private PodProbes() {}

    /** pods_in_phase: every matching pod is in {@code phase}; none matching is a failure too. */
    static Object podsInPhase(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        String phase = args.string("phase");
        String selector = Py.str(args.string("label_selector"));
        return everyPod(cluster, args, "raise_on_invalid_phase", pod -> Objects.equals(Pods.phase(pod), phase) ? null
                : "pod '" + selector + "' is in phase '" + Py.str(Pods.phase(pod)) + "' but should be '" + phase + "'");
    }

    /** pods_not_in_phase: no matching pod is in {@code phase}; none matching is a failure. */
    static Object podsNotInPhase(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        String phase = args.string("phase");
        String selector = Py.str(args.string("label_selector"));
        return everyPod(cluster, args, "raise_on_in_phase", pod -> !Objects.equals(Pods.phase(pod), phase) ? null
                : "pod '" + selector + "' should not be in phase '" + phase + "'");
    }

    /** pods_in_conditions: every matching pod has every {@code {type, status}} given. */
    static Object podsInConditions(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        List<?> wanted = args.list("conditions");
        return everyPod(cluster, args, "raise_on_invalid_conditions", pod -> {
            List<Object> has = new ArrayList<>();
            for (Map<?, ?> c : Pods.conditions(pod)) {
                Map<String, Object> typeAndStatus = new LinkedHashMap<>();
                typeAndStatus.put("type", c.get("type"));
                typeAndStatus.put("status", c.get("status"));
                has.add(typeAndStatus);
            }
            for (Object condition : wanted) {
                if (!Py.in(condition, has)) {
                    return "pod " + Pods.name(pod) + " does not match the following given condition: "
                            + Py.repr(condition);
                }
            }
            return null;
        });
    }

    /** count_pods: how many pods match, only those in {@code phase} when one is given. */
    static Object countPods(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        String phase = args.string("phase");
        List<GenericKubernetesResource> pods = Pods.list(cluster.client(), args.string("ns"),
                args.string("label_selector"));
        return pods.stream().filter(p -> phase == null || phase.isEmpty() || phase.equals(Pods.phase(p))).count();
    }

    /** count_min_pods: count_pods(...) >= min_count. */
    static Object countMinPods(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        return (long) countPods(cluster, args, context) >= args.integer("min_count");
    }

    /** all_pods_healthy: every pod of the namespace is Running or Succeeded. */
    static Object allPodsHealthy(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        List<String> failed = new ArrayList<>();
        List<String> notReady = new ArrayList<>();
        for (GenericKubernetesResource pod : Pods.list(cluster.client(), args.string("ns"), null)) {
            String phase = Pods.phase(pod);
            if ("Failed".equals(phase)) failed.add(Pods.name(pod));
            else if (!"Running".equals(phase) && !"Succeeded".equals(phase)) notReady.add(Pods.name(pod));
        }
        if (failed.isEmpty() && notReady.isEmpty()) return true;
        return Probes.fail(args.bool("raise_on_any_unhealthy"), "the system is unhealthy: failed pods "
                + failed + ", pods neither running nor succeeded " + notReady);
    }

    /** pod_is_not_available: no pod labelled with {@code name} is Running. */
    static Object podIsNotAvailable(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        String name = args.string("name");
        for (GenericKubernetesResource pod : Pods.list(cluster.client(), args.string("ns"), selector(args))) {
            if ("Running".equals(Pods.phase(pod))) {
                return Probes.fail(args.bool("raise_on_is_available"), "pod '" + name + "' is actually running");
            }
        }
        return true;
    }

    /**
     * read_pod_logs: {@code {pod name: log text}} for every matching pod, lines prefixed with timestamps.
     * {@code last} is a span such as "10 minutes".
     */
    static Object readPodLogs(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        String ns = args.string("ns");
        String last = args.string("last");
        long since = last == null || last.isEmpty() ? 0 : Durations.parseSpan(last).toSeconds();
        KubernetesClient client = cluster.client();
        Map<String, Object> logs = new LinkedHashMap<>();
        for (GenericKubernetesResource pod : Pods.list(client, ns, selector(args))) {
            logs.put(Pods.name(pod), log(client.pods().inNamespace(ns).withName(Pods.name(pod)),
                    args.string("container_name"), args.bool("from_previous"), since));
        }
        return logs;
    }

    private static String log(PodResource pod, String container, boolean previous, long sinceSeconds) {
        ContainerResource resource = container == null || container.isEmpty() ? pod : pod.inContainer(container);
        TimeTailPrettyLoggable timestamped = previous ? resource.usingTimestamps().terminated()
                : resource.usingTimestamps();
        Loggable loggable = sinceSeconds > 0 ? timestamped.sinceSeconds((int) sinceSeconds) : timestamped;
        return loggable.getLog();
    }

    /**
     * The label selector with {@code {name}} filled in, as Python's {@code str.format} would. The default
     * {@code "name in ({name})"} without a name would select pods labelled {@code name=None}; the extension's
     * documentation says to use the label selector alone then, so a selector still waiting for a name is an
     * error rather than a silent empty answer.
     */
    private static String selector(Args args) throws ActivityFailed {
        String selector = args.string("label_selector");
        String name = args.string("name");
        if (selector == null || !selector.contains(NAME_PLACEHOLDER)) return selector;
        if (name == null) {
            throw new ActivityFailed(args.func() + ": label_selector '" + selector
                    + "' needs a name; pass name or a label_selector without {name}");
        }
        return selector.replace(NAME_PLACEHOLDER, name);
    }

    /** A check of one pod: null when it passes, otherwise why not. */
    @FunctionalInterface
    private interface PodCheck {
        String problem(GenericKubernetesResource pod) throws ActivityFailed;
    }

    /** The common shape of the phase and condition probes: some pods must match, and each must pass. */
    private static Object everyPod(Cluster cluster, Args args, String raiseFlag, PodCheck check)
            throws ActivityFailed {
        String selector = args.string("label_selector");
        List<GenericKubernetesResource> pods = Pods.list(cluster.client(), args.string("ns"), selector);
        boolean raise = args.bool(raiseFlag);
        if (pods.isEmpty()) return Probes.fail(raise, "no pods '" + Py.str(selector) + "' were found");
        for (GenericKubernetesResource pod : pods) {
            String problem = check.problem(pod);
            if (problem != null) return Probes.fail(raise, problem);
        }
        return true;
    }
}
