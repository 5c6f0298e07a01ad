package dev.chaosaction.safety;

import dev.chaosaction.experiment.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one run may do to a cluster, whatever the experiment asks: which namespaces it may touch and how many
 * pods it may terminate. One instance serves one run; it counts the pods that run terminates.
 *
 * <p>Settings come from two places, and the stricter wins: the environment the runner was deployed with
 * ({@code CHAOS_ALLOWED_NAMESPACES}, {@code CHAOS_DENIED_NAMESPACES}, {@code CHAOS_MAX_PODS}; comma lists) and
 * the experiment's {@code runtime.guardrails} block ({@code allowed_namespaces}, {@code denied_namespaces},
 * {@code max_pods}). Only the deployment widens: allow-lists intersect, deny-lists add up, the smaller cap
 * applies, and {@code kube-system} is denied unless the deployment's allow-list names it (the experiment's cannot
 * re-allow it). Without a deployment cap the run may terminate {@value #DEFAULT_MAX_PODS} pods (an experiment may
 * only lower that): enough for a real experiment, too few to empty a cluster by mistake.
 */
public final class Guardrails {
    public static final int DEFAULT_MAX_PODS = 50;
    public static final String ENV_ALLOWED = "CHAOS_ALLOWED_NAMESPACES";
    public static final String ENV_DENIED = "CHAOS_DENIED_NAMESPACES";
    public static final String ENV_MAX_PODS = "CHAOS_MAX_PODS";

    static final String BLOCK = "guardrails";
    static final String ALLOWED = "allowed_namespaces";
    static final String DENIED = "denied_namespaces";
    static final String MAX_PODS = "max_pods";
    private static final String KUBE_SYSTEM = "kube-system";

    /** Null when every namespace not denied is allowed. */
    private final Set<String> allowed;
    private final Set<String> denied;
    private final int maxPods;
    private final AtomicInteger podsReserved = new AtomicInteger();

    private Guardrails(Set<String> allowed, Set<String> denied, int maxPods) {
        this.allowed = allowed == null ? null : Set.copyOf(allowed);
        this.denied = Set.copyOf(denied);
        this.maxPods = maxPods;
    }

    /** The guardrails when nothing is configured: {@code kube-system} denied, {@value #DEFAULT_MAX_PODS} pods. */
    public static Guardrails defaults() {
        return from(Map.of(), Map.of());
    }

    /**
     * Combines the environment's settings with the experiment's {@code runtime} block (either may be empty).
     * The runtime block is expected to have passed {@link #validate}.
     *
     * @throws IllegalArgumentException when {@code CHAOS_MAX_PODS} is not a whole number >= 0
     */
    public static Guardrails from(Map<String, String> env, Map<String, Object> runtime) {
        Map<?, ?> block = runtime == null ? null : runtime.get(BLOCK) instanceof Map<?, ?> m ? m : null;
        Set<String> deployment = envList(env, ENV_ALLOWED);
        Set<String> allowed = intersect(deployment, block == null ? null : names(block.get(ALLOWED)));
        Set<String> denied = new TreeSet<>();
        addAll(denied, envList(env, ENV_DENIED));
        addAll(denied, block == null ? null : names(block.get(DENIED)));
        if (deployment == null || !deployment.contains(KUBE_SYSTEM)) denied.add(KUBE_SYSTEM);
        Integer envCap = envInt(env, ENV_MAX_PODS);
        Integer runtimeCap = block != null && block.get(MAX_PODS) instanceof Number n ? n.intValue() : null;
        int cap = Math.min(envCap == null ? DEFAULT_MAX_PODS : envCap,
                runtimeCap == null ? Integer.MAX_VALUE : runtimeCap);
        return new Guardrails(allowed, denied, cap);
    }

    /** Problems in the shape of {@code runtime.guardrails}; {@code runtimePath} points at the runtime block. */
    public static List<Problem> validate(Map<String, Object> runtime, String runtimePath) {
        List<Problem> problems = new ArrayList<>();
        if (runtime == null || !runtime.containsKey(BLOCK)) return problems;
        String path = Problem.child(runtimePath, BLOCK);
        if (!(runtime.get(BLOCK) instanceof Map<?, ?> block)) {
            problems.add(new Problem(path, "guardrails must be an object with " + ALLOWED + ", " + DENIED
                    + " and/or " + MAX_PODS));
            return problems;
        }
        for (Map.Entry<?, ?> e : block.entrySet()) {
            String key = String.valueOf(e.getKey());
            String at = Problem.child(path, key);
            switch (key) {
                case ALLOWED, DENIED -> {
                    if (names(e.getValue()) == null) {
                        problems.add(new Problem(at, key + " must be a list of namespace names"));
                    }
                }
                case MAX_PODS -> {
                    if (!(e.getValue() instanceof Long || e.getValue() instanceof Integer)
                            || ((Number) e.getValue()).longValue() < 0
                            || ((Number) e.getValue()).longValue() > Integer.MAX_VALUE) {
                        problems.add(new Problem(at, MAX_PODS + " must be a whole number >= 0"));
                    }
                }
                default -> problems.add(new Problem(at, "unknown guardrail '" + key + "'; known: "
                        + ALLOWED + ", " + DENIED + ", " + MAX_PODS));
            }
        }
        return problems;
    }

    /** Refuses a namespace the run may not touch. */
    public void checkNamespace(String namespace) throws GuardrailViolation {
        if (denied.contains(namespace)) {
            throw new GuardrailViolation("namespace '" + namespace + "' is denied (denied namespaces: "
                    + String.join(", ", new TreeSet<>(denied)) + ")"
                    + (namespace.equals(KUBE_SYSTEM) ? "; list it in the allowed namespaces to touch it" : ""));
        }
        if (allowed != null && !allowed.contains(namespace)) {
            throw new GuardrailViolation("namespace '" + namespace + "' is not allowed (allowed namespaces: "
                    + (allowed.isEmpty() ? "none" : String.join(", ", new TreeSet<>(allowed))) + ")");
        }
    }

    /**
     * Counts {@code count} more pods against the run's cap, all or nothing, before they are touched, so a
     * refused request leaves the count (and the cluster) as it was.
     */
    public void reservePods(int count) throws GuardrailViolation {
        int before;
        do {
            before = podsReserved.get();
            if ((long) before + count > maxPods) {
                throw new GuardrailViolation("terminating " + count + " pod(s) would exceed the cap of " + maxPods
                        + " pods per run (" + before + " already terminated in this run)");
            }
        } while (!podsReserved.compareAndSet(before, before + count));
    }

    /** The allowed namespaces, or null when every namespace that is not denied is allowed. */
    public Set<String> allowedNamespaces() {
        return allowed;
    }

    public Set<String> deniedNamespaces() {
        return denied;
    }

    public int maxPods() {
        return maxPods;
    }

    /** Pods counted against the cap so far in this run. */
    public int podsReserved() {
        return podsReserved.get();
    }

    private static Set<String> envList(Map<String, String> env, String key) {
        String value = env == null ? null : env.get(key);
        if (value == null || value.isBlank()) return null;
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(names::add);
        return names;
    }

    private static Integer envInt(Map<String, String> env, String key) {
        String value = env == null ? null : env.get(key);
        if (value == null || value.isBlank()) return null;
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) return n;
        } catch (NumberFormatException ignored) {
            // reported below with the variable's name
        }
        throw new IllegalArgumentException(key + " must be a whole number >= 0, not '" + value + "'");
    }

    /** The names in a JSON list of strings, or null when the value is not one. */
    private static Set<String> names(Object value) {
        if (!(value instanceof List<?> list)) return null;
        Set<String> names = new LinkedHashSet<>();
        for (Object item : list) {
            if (!(item instanceof String s) || s.isBlank()) return null;
            names.add(s.trim());
        }
        return names;
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        if (a == null) return b;
        if (b == null) return a;
        Set<String> both = new LinkedHashSet<>(a);
        both.retainAll(b);
        return both;
    }

    private static void addAll(Set<String> into, Collection<String> names) {
        if (names != null) into.addAll(names);
    }
}
