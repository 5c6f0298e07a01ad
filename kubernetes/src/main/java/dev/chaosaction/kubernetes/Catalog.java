package dev.chaosaction.kubernetes;

import static dev.chaosaction.activity.Param.Type.BOOL;
import static dev.chaosaction.activity.Param.Type.INT;
import static dev.chaosaction.activity.Param.Type.LIST;
import static dev.chaosaction.activity.Param.Type.NAME;
import static dev.chaosaction.activity.Param.Type.STRING;
import static dev.chaosaction.activity.Param.Type.STRING_OR_LIST;

import dev.chaosaction.activity.Param;
import dev.chaosaction.activity.Signature;
import dev.chaosaction.activity.Signature.Effect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chaosk8s functions we serve: each with the Python signature it mirrors (names, defaults) and its Java
 * body. Bodies are lambdas that name their implementation class only inside, so building this table loads
 * no fabric8 class; the first call of a function does.
 *
 * <p>{@code secrets} and {@code configuration}, which chaoslib injects into the Python functions, are not
 * parameters here: the functions get them from their context.
 */
final class Catalog {
    static final String POD_ACTIONS = "chaosk8s.pod.actions";
    static final String POD_PROBES = "chaosk8s.pod.probes";
    static final String NODE_ACTIONS = "chaosk8s.node.actions";
    static final String NODE_PROBES = "chaosk8s.node.probes";
    static final String DEPLOYMENT_ACTIONS = "chaosk8s.deployment.actions";
    static final String DEPLOYMENT_PROBES = "chaosk8s.deployment.probes";
    static final String LEGACY_PROBES = "chaosk8s.probes";
    static final String LEGACY_ACTIONS = "chaosk8s.actions";

    /** A served function. */
    record Function(Signature signature, Impl impl) {}

    /**
     * Return annotations, as Chaos Toolkit's discovery reports them for chaostoolkit-kubernetes 0.39 (the
     * functions it does not export, and {@code node_is_ready}, which it does not have, as ours return).
     */
    private static final Map<String, String> RETURNS = Map.ofEntries(
            Map.entry("exec_in_pods", "list"), Map.entry("pods_in_phase", "boolean"),
            Map.entry("pods_not_in_phase", "boolean"), Map.entry("pods_in_conditions", "boolean"),
            Map.entry("count_pods", "integer"), Map.entry("count_min_pods", "boolean"),
            Map.entry("all_pods_healthy", "boolean"), Map.entry("read_pod_logs", "mapping"),
            Map.entry("pod_is_not_available", "boolean"), Map.entry("get_all_node_status_conditions", "list"),
            Map.entry("all_nodes_must_be_ready_to_schedule", "boolean"),
            Map.entry("verify_nodes_condition", "boolean"),
            Map.entry("nodes_must_be_healthy", "boolean"), Map.entry("cordon_node", "list"),
            Map.entry("uncordon_node", "list"), Map.entry("drain_nodes", "list"),
            Map.entry("deployment_available_and_healthy", "object"),
            Map.entry("deployment_partially_available", "object"),
            Map.entry("deployment_fully_available", "object"), Map.entry("deployment_not_fully_available", "object"),
            Map.entry("node_is_ready", "boolean"), Map.entry("all_microservices_healthy", "object"),
            Map.entry("microservice_available_and_healthy", "object"),
            Map.entry("microservice_is_not_available", "boolean"),
            Map.entry("read_microservices_logs", "mapping"));

    private static final Map<String, Function> FUNCTIONS = build();

    private Catalog() {}

    static Function find(String module, String func) {
        return FUNCTIONS.get(module + "." + func);
    }

    /** Every served function's signature, for what derives from them (discovery, the RBAC manifest's test). */
    static List<Signature> signatures() {
        return FUNCTIONS.values().stream().map(Function::signature).toList();
    }

    static Set<String> modules() {
        Set<String> modules = new LinkedHashSet<>();
        FUNCTIONS.values().forEach(f -> modules.add(f.signature().module()));
        return Collections.unmodifiableSet(modules);
    }

    private static Map<String, Function> build() {
        Map<String, Function> all = new LinkedHashMap<>();
        podActions(all);
        podProbes(all);
        nodeProbes(all);
        nodeActions(all);
        deploymentProbes(all);
        deploymentActions(all);
        legacy(all);
        return Collections.unmodifiableMap(all);
    }

    private static void podActions(Map<String, Function> all) {
        add(all, POD_ACTIONS, "terminate_pods", (c, a, x) -> PodActions.terminatePods(c, a, x),
                concat(selection(opt("grace_period", INT, -1L)),
                        opt("allow_empty", BOOL, false), opt("use_eviction", BOOL, false)));
        add(all, POD_ACTIONS, "exec_in_pods", (c, a, x) -> PodActions.execInPods(c, a, x),
                concat(concat(List.of(req("cmd", STRING_OR_LIST)), selection().toArray(Param[]::new)),
                        opt("container_name", STRING, null), opt("request_timeout", INT, 60L)), Effect.EXECUTES);
        add(all, POD_ACTIONS, "delete_pods", (c, a, x) -> PodActions.deletePods(c, a, x),
                List.of(opt("name", STRING, null), ns(), opt("label_selector", STRING, null)));
    }

    private static void podProbes(Map<String, Function> all) {
        add(all, POD_PROBES, "pods_in_phase", (c, a, x) -> PodProbes.podsInPhase(c, a, x),
                List.of(req("label_selector", STRING), opt("phase", STRING, "Running"), ns(),
                        opt("raise_on_invalid_phase", BOOL, true)));
        add(all, POD_PROBES, "pods_not_in_phase", (c, a, x) -> PodProbes.podsNotInPhase(c, a, x),
                List.of(req("label_selector", STRING), opt("phase", STRING, "Running"), ns(),
                        opt("raise_on_in_phase", BOOL, true)));
        add(all, POD_PROBES, "pods_in_conditions", (c, a, x) -> PodProbes.podsInConditions(c, a, x),
                List.of(req("label_selector", STRING), req("conditions", LIST), ns(),
                        opt("raise_on_invalid_conditions", BOOL, true)));
        add(all, POD_PROBES, "count_pods", (c, a, x) -> PodProbes.countPods(c, a, x),
                List.of(req("label_selector", STRING), opt("phase", STRING, null), ns()));
        add(all, POD_PROBES, "count_min_pods", (c, a, x) -> PodProbes.countMinPods(c, a, x),
                List.of(req("label_selector", STRING), opt("phase", STRING, "Running"),
                        opt("min_count", INT, 2L), ns()));
        add(all, POD_PROBES, "all_pods_healthy", (c, a, x) -> PodProbes.allPodsHealthy(c, a, x),
                List.of(ns(), opt("raise_on_any_unhealthy", BOOL, true)));
        add(all, POD_PROBES, "read_pod_logs", (c, a, x) -> PodProbes.readPodLogs(c, a, x), readPodLogsParams(),
                Effect.READS_CONTENTS);
        add(all, POD_PROBES, "pod_is_not_available", (c, a, x) -> PodProbes.podIsNotAvailable(c, a, x),
                List.of(req("name", STRING), ns(), opt("label_selector", STRING, "name in ({name})"),
                        opt("raise_on_is_available", BOOL, true)));
    }

    private static void nodeProbes(Map<String, Function> all) {
        List<Param> bySelector = List.of(opt("label_selector", STRING, null));
        add(all, NODE_PROBES, "get_nodes", (c, a, x) -> NodeProbes.getNodes(c, a, x), bySelector);
        add(all, NODE_PROBES, "get_all_node_status_conditions",
                (c, a, x) -> NodeProbes.allNodeStatusConditions(c, a, x), bySelector);
        add(all, NODE_PROBES, "all_nodes_must_be_ready_to_schedule",
                (c, a, x) -> NodeProbes.allNodesReadyToSchedule(c, a, x), bySelector);
        add(all, NODE_PROBES, "verify_nodes_condition", (c, a, x) -> NodeProbes.verifyNodesCondition(c, a, x),
                List.of(opt("condition_type", STRING, "PIDPressure"), opt("condition_value", STRING, "False"),
                        opt("label_selector", STRING, null)));
        add(all, NODE_PROBES, "nodes_must_be_healthy", (c, a, x) -> NodeProbes.nodesMustBeHealthy(c, a, x),
                bySelector);
    }

    private static void nodeActions(Map<String, Function> all) {
        List<Param> byNameOrSelector = List.of(opt("name", NAME, null), opt("label_selector", STRING, null));
        add(all, NODE_ACTIONS, "cordon_node", (c, a, x) -> NodeActions.cordonNode(c, a, x), byNameOrSelector);
        add(all, NODE_ACTIONS, "uncordon_node", (c, a, x) -> NodeActions.uncordonNode(c, a, x), byNameOrSelector);
        add(all, NODE_ACTIONS, "drain_nodes", (c, a, x) -> NodeActions.drainNodes(c, a, x),
                concat(byNameOrSelector, opt("delete_pods_with_local_storage", BOOL, false),
                        opt("timeout", INT, 120L), opt("count", INT, null),
                        opt("pod_label_selector", STRING, null), opt("pod_namespace", NAME, null)));
    }

    private static void deploymentProbes(Map<String, Function> all) {
        add(all, DEPLOYMENT_PROBES, "deployment_available_and_healthy",
                (c, a, x) -> DeploymentProbes.availableAndHealthy(c, a, x),
                deployment(opt("raise_on_unavailable", BOOL, true)));
        add(all, DEPLOYMENT_PROBES, "deployment_partially_available",
                (c, a, x) -> DeploymentProbes.partiallyAvailable(c, a, x),
                deployment(opt("raise_on_not_partially_available", BOOL, true)));
        add(all, DEPLOYMENT_PROBES, "deployment_fully_available",
                (c, a, x) -> DeploymentProbes.fullyAvailable(c, a, x),
                deployment(timeout(), opt("raise_on_not_fully_available", BOOL, true)));
        add(all, DEPLOYMENT_PROBES, "deployment_not_fully_available",
                (c, a, x) -> DeploymentProbes.notFullyAvailable(c, a, x),
                deployment(timeout(), opt("raise_on_fully_available", BOOL, true)));
    }

    private static void deploymentActions(Map<String, Function> all) {
        add(all, DEPLOYMENT_ACTIONS, "scale_deployment", (c, a, x) -> DeploymentActions.scale(c, a, x),
                List.of(req("name", NAME), req("replicas", INT), ns()));
        add(all, DEPLOYMENT_ACTIONS, "rollout_deployment", (c, a, x) -> DeploymentActions.rollout(c, a, x),
                List.of(opt("name", NAME, null), ns()));
    }

    /** The deprecated flat modules, where they only forward to a function above. */
    private static void legacy(Map<String, Function> all) {
        add(all, LEGACY_PROBES, "node_is_ready", (c, a, x) -> NodeProbes.nodeIsReady(c, a, x),
                List.of(req("name", NAME)));
        add(all, LEGACY_PROBES, "all_microservices_healthy",
                (c, a, x) -> PodProbes.allPodsHealthy(c, a.with("raise_on_any_unhealthy", true), x), List.of(ns()));
        add(all, LEGACY_PROBES, "microservice_available_and_healthy",
                (c, a, x) -> DeploymentProbes.availableAndHealthy(c, a.with("raise_on_unavailable", true), x),
                deployment());
        add(all, LEGACY_PROBES, "microservice_is_not_available",
                (c, a, x) -> PodProbes.podIsNotAvailable(c, a.with("raise_on_is_available", true), x),
                List.of(req("name", STRING), ns(), opt("label_selector", STRING, "name in ({name})")));
        add(all, LEGACY_PROBES, "deployment_is_fully_available",
                (c, a, x) -> DeploymentProbes.fullyAvailable(c, a.with("raise_on_not_fully_available", true), x),
                deployment(timeout()));
        add(all, LEGACY_PROBES, "deployment_is_not_fully_available",
                (c, a, x) -> DeploymentProbes.notFullyAvailable(c, a.with("raise_on_fully_available", true), x),
                deployment(timeout()));
        add(all, LEGACY_PROBES, "read_microservices_logs", (c, a, x) -> PodProbes.readPodLogs(c, a, x),
                readPodLogsParams(), Effect.READS_CONTENTS);
        add(all, LEGACY_ACTIONS, "scale_microservice", (c, a, x) -> DeploymentActions.scale(c, a, x),
                List.of(req("name", NAME), req("replicas", INT), ns()));
    }

    /** The pod selection parameters of terminate_pods and exec_in_pods, in the Python order. */
    private static List<Param> selection(Param... beforeNamespace) {
        List<Param> params = new ArrayList<>(List.of(opt("label_selector", STRING, null),
                opt("name_pattern", STRING, null), opt("all", BOOL, false), opt("rand", BOOL, false),
                opt("mode", STRING, "fixed"), opt("qty", INT, 1L)));
        params.addAll(List.of(beforeNamespace));
        params.add(ns());
        params.add(opt("order", STRING, "alphabetic"));
        return params;
    }

    private static List<Param> readPodLogsParams() {
        return List.of(opt("name", STRING, null), opt("last", STRING, null), ns(),
                opt("from_previous", BOOL, false), opt("label_selector", STRING, "name in ({name})"),
                opt("container_name", STRING, null));
    }

    private static List<Param> deployment(Param... more) {
        return concat(List.of(req("name", STRING), ns(), opt("label_selector", STRING, null)), more);
    }

    private static Param timeout() {
        return opt("timeout", INT, 30L);
    }

    private static Param ns() {
        return opt("ns", NAME, "default");
    }

    private static Param req(String name, Param.Type type) {
        return Param.required(name, type);
    }

    private static Param opt(String name, Param.Type type, Object defaultValue) {
        return Param.optional(name, type, defaultValue);
    }

    private static List<Param> concat(List<Param> first, Param... more) {
        List<Param> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    /** A function whose effect its module says: {@code *.actions} change things, the others read. */
    private static void add(Map<String, Function> all, String module, String func, Impl impl, List<Param> params) {
        all.put(module + "." + func,
                new Function(new Signature(module, func, List.copyOf(params), Effect.ofModule(module),
                        RETURNS.get(func)), impl));
    }

    private static void add(Map<String, Function> all, String module, String func, Impl impl, List<Param> params,
                            Effect effect) {
        all.put(module + "." + func,
                new Function(new Signature(module, func, List.copyOf(params), effect, RETURNS.get(func)), impl));
    }
}
