package dev.chaosaction.sandbox;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * A small stand-in for the Deployment and ReplicaSet controllers, the scheduler and the kubelet: it keeps each
 * Deployment of the namespace at its replica count. A missing pod is recreated after {@code recreateDelay}
 * (on the schedulable node with the fewest pods), becomes Running and Ready {@code readyDelay} later, and the
 * Deployment's status follows. A {@code rollout restart} replaces the pods one at a time.
 *
 * <p>Everything runs on one thread that looks at the cluster every {@value #POLL_MILLIS} ms, so the bookkeeping
 * needs no locks. It polls rather than watches: the fabric8 mock server stalls for seconds when a watch closes
 * while events for it are still being written, which closing the sandbox would do every time. A look costs a
 * list of every pod (a thousand pods: some 2 MB of JSON on the API server's one thread), so it is skipped while
 * the store has not changed since the last complete one and nothing this controller waits for is due, and a
 * round lists the pods once, for every Deployment and for the nodes' pod counts, not once a created pod.
 */
final class ReplicaController implements AutoCloseable {
    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    static final long POLL_MILLIS = 50;
    private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final KubernetesClient client;
    /** The API server's count of changes to its store: a look at an unchanged cluster would find nothing to do. */
    private final LongSupplier changes;
    private final String namespace;
    private final Duration recreateDelay;
    private final Duration readyDelay;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sandbox-controller").factory());
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final Map<String, Deque<Instant>> pendingCreates = new HashMap<>();
    private final Map<String, Instant> readyAt = new HashMap<>();
    /** Every name handed out: five random letters collide within a thousand pods (about 1 time in 30). */
    private final Set<String> named = ConcurrentHashMap.newKeySet();
    /** The change count the last complete look started from; -1 before the first. */
    private long seen = -1;
    /** This round's pods, of every namespace: listed once, at its start. */
    private List<Pod> pods;
    /** This round's schedulable nodes by name, and how many pods each runs: counted at its first create. */
    private Map<String, Node> schedulable;
    private Map<String, Long> podsPerNode;

    ReplicaController(KubernetesClient client, LongSupplier changes, String namespace, Duration recreateDelay,
                      Duration readyDelay) {
        this.client = client;
        this.changes = changes;
        this.namespace = namespace;
        this.recreateDelay = recreateDelay;
        this.readyDelay = readyDelay;
    }

    void start() {
        thread.scheduleWithFixedDelay(this::reconcile, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A name a pod of {@code deployment} never had: {@code <deployment>-<template hash>-<5 letters>}. */
    String podName(String deployment) {
        String name;
        do {
            name = deployment + "-" + templateHash(deployment) + "-" + letters(5);
        } while (!named.add(name));
        return name;
    }

    static String templateHash(String deployment) {
        StringBuilder hash = new StringBuilder();
        long h = Integer.toUnsignedLong(deployment.hashCode()) * 2654435761L;
        for (int i = 0; i < 9; i++, h /= SAFE_ALPHABET.length()) {
            hash.append(SAFE_ALPHABET.charAt((int) (h % SAFE_ALPHABET.length())));
        }
        return hash.toString();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    private void reconcile() {
        long count = changes.getAsLong();
        if (count == seen && Instant.now().isBefore(nextDue())) return;
        schedulable = null;
        podsPerNode = null;
        try {
            List<Deployment> deployments = client.apps().deployments().inNamespace(namespace).list().getItems();
            pods = client.pods().inAnyNamespace().list().getItems();
            Set<String> live = new HashSet<>();
            for (Deployment d : deployments) {
                live.addAll(reconcile(d));
            }
            readyAt.keySet().retainAll(live); // forget pods deleted before they were ready
            seen = count; // changes made since, this round's own included, get a look of their own
        } catch (RuntimeException e) {
            // The server is going away (close), hiccuped, or holds a Deployment this controller cannot read:
            // an exception would end the periodic task for good, so skip this round and try the next.
        }
    }

    /** When a pod is due to be created or to become ready; far in the future when none is. */
    private Instant nextDue() {
        Instant due = Instant.MAX;
        for (Deque<Instant> pending : pendingCreates.values()) {
            if (!pending.isEmpty() && pending.peekFirst().isBefore(due)) due = pending.peekFirst();
        }
        for (Instant ready : readyAt.values()) {
            if (ready.isBefore(due)) due = ready;
        }
        return due;
    }

    /** Brings one Deployment's pods and status in line; returns the names of its live pods. */
    private List<String> reconcile(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        int desired = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        List<Pod> live = new ArrayList<>(pods.stream().filter(p -> namespace.equals(p.getMetadata().getNamespace())
                        && labelled(p, selector) && p.getMetadata().getDeletionTimestamp() == null).toList());
        Deque<Instant> pending = pendingCreates.computeIfAbsent(name, n -> new ArrayDeque<>());
        Instant now = Instant.now();

        while (live.size() + pending.size() > desired && !pending.isEmpty()) pending.removeLast();
        live.sort(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp()).reversed());
        while (live.size() > desired) delete(live.removeFirst());
        while (live.size() + pending.size() < desired) pending.addLast(now.plus(recreateDelay));
        while (!pending.isEmpty() && !pending.peekFirst().isAfter(now)) {
            Pod created = create(deployment, now);
            if (created == null) break; // no schedulable node: the pod waits, as it would stay Pending
            pending.removeFirst();
            live.add(created);
        }
        live.replaceAll(p -> makeReadyWhenDue(p, now));
        restartOneOutdated(deployment, live, pending);
        updateStatus(deployment, live);
        return live.stream().map(p -> p.getMetadata().getName()).toList();
    }

    private Pod makeReadyWhenDue(Pod pod, Instant now) {
        if (PodStates.serving(pod)) return pod;
        Instant due = readyAt.computeIfAbsent(pod.getMetadata().getName(), n -> now.plus(readyDelay));
        if (due.isAfter(now)) return pod;
        readyAt.remove(pod.getMetadata().getName());
        pod.setStatus(PodStates.running(pod, now));
        return client.pods().inNamespace(namespace).resource(pod).updateStatus();
    }

    /** A rollout restart: once everything is up, replace one pod started before the restart was asked. */
    private void restartOneOutdated(Deployment deployment, List<Pod> live, Deque<Instant> pending) {
        String wanted = annotation(deployment.getSpec().getTemplate().getMetadata().getAnnotations());
        if (wanted == null || !pending.isEmpty() || !live.stream().allMatch(PodStates::serving)) return;
        live.stream().filter(p -> !wanted.equals(annotation(p.getMetadata().getAnnotations()))).findFirst()
                .ifPresent(this::delete);
    }

    private void updateStatus(Deployment deployment, List<Pod> live) {
        int ready = (int) live.stream().filter(PodStates::serving).count();
        int desired = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        DeploymentStatus status = new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(live.size()).withUpdatedReplicas(live.size())
                .withReadyReplicas(ready).withAvailableReplicas(ready)
                .withUnavailableReplicas(desired > ready ? desired - ready : null)
                .build();
        if (deployment.getStatus() != null && counts(status).equals(counts(deployment.getStatus()))) return;
        deployment.setStatus(status);
        client.apps().deployments().inNamespace(namespace).resource(deployment).updateStatus();
    }

    /** The fields this controller owns; comparing only them keeps its own updates from waking it forever. */
    private static List<Object> counts(DeploymentStatus s) {
        return Arrays.asList(s.getObservedGeneration(), s.getReplicas(), s.getUpdatedReplicas(),
                s.getReadyReplicas(), s.getAvailableReplicas(), s.getUnavailableReplicas());
    }

    private Pod create(Deployment deployment, Instant now) {
        String node = leastBusySchedulableNode(deployment.getSpec().getTemplate().getSpec());
        if (node == null) return null;
        String name = deployment.getMetadata().getName();
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(podName(name)).withNamespace(namespace)
                .withLabels(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .withAnnotations(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet")
                .withName(name + "-" + templateHash(name)).withUid(deployment.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).endOwnerReference()
                .endMetadata()
                .withSpec(new PodSpecBuilder(deployment.getSpec().getTemplate().getSpec()).withNodeName(node).build())
                .withStatus(PodStates.pending())
                .build();
        readyAt.put(pod.getMetadata().getName(), now.plus(readyDelay));
        Pod created = client.pods().inNamespace(namespace).resource(pod).create();
        podsPerNode.merge(node, 1L, Long::sum);
        return created;
    }

    private void delete(Pod pod) {
        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
        if (podsPerNode != null) podsPerNode.computeIfPresent(pod.getSpec().getNodeName(), (n, count) -> count - 1);
    }

    private String leastBusySchedulableNode(PodSpec template) {
        if (podsPerNode == null) countPodsPerNode();
        return podsPerNode.entrySet().stream()
                .filter(e -> fits(template, schedulable.get(e.getKey())))
                .min(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(null);
    }

    /** The uncordoned nodes, and the pods of every namespace on each: once a round, kept up as it creates. */
    private void countPodsPerNode() {
        schedulable = new HashMap<>();
        podsPerNode = new HashMap<>();
        for (Node node : client.nodes().list().getItems()) {
            boolean cordoned = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
            if (!cordoned) {
                schedulable.put(node.getMetadata().getName(), node);
                podsPerNode.put(node.getMetadata().getName(), 0L);
            }
        }
        for (Pod pod : pods) {
            podsPerNode.computeIfPresent(pod.getSpec().getNodeName(), (n, count) -> count + 1);
        }
    }

    /** The scheduler's two rules the sandbox needs: the pod's nodeSelector, and NoSchedule taints it tolerates. */
    private static boolean fits(PodSpec pod, Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        if (pod.getNodeSelector() != null && !labels.entrySet().containsAll(pod.getNodeSelector().entrySet())) {
            return false;
        }
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
                : node.getSpec().getTaints();
        List<Toleration> tolerations = pod.getTolerations() == null ? List.of() : pod.getTolerations();
        return taints.stream().filter(t -> "NoSchedule".equals(t.getEffect()))
                .allMatch(t -> tolerations.stream().anyMatch(o -> t.getKey().equals(o.getKey())));
    }

    /** The equality selector's test, as the API server applies it to {@code matchLabels}. */
    private static boolean labelled(Pod pod, Map<String, String> selector) {
        if (selector == null) return true;
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        return labels.entrySet().containsAll(selector.entrySet());
    }

    private String letters(int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) s.append(SAFE_ALPHABET.charAt(random.nextInt(SAFE_ALPHABET.length())));
        return s.toString();
    }

    private static String annotation(Map<String, String> annotations) {
        return annotations == null ? null : annotations.get(RESTARTED_AT);
    }
}
