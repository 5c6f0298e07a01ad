package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.activity.RunInterrupted;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Deletes, or evicts, chosen pods: in parallel on a small pool (so a thousand pods do not take a thousand
 * round trips in a row, nor open a thousand connections), each pod exactly once.
 */
final class PodTerminator {
    static final int PARALLELISM = 8;

    /** How each pod fared: {@code failures} holds "name: reason" for the pods still there. */
    record Outcome(List<String> terminated, List<String> failures) {}

    private PodTerminator() {}

    /**
     * @param gracePeriod seconds to give the pods, or a negative number for each pod's own default
     * @param evict       through the Eviction API, so PodDisruptionBudgets may refuse
     */
    static Outcome terminate(KubernetesClient client, String namespace, List<String> names, long gracePeriod,
                             boolean evict, CancelToken cancel) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLELISM, names.size())),
                Thread.ofPlatform().daemon().name("chaos-terminate-", 0).factory());
        try (CancelToken.Registration ignored = cancel.onCancel(pool::shutdownNow)) {
            List<Future<String>> pending = new ArrayList<>();
            for (String name : names) {
                pending.add(pool.submit(() -> terminateOne(client.pods().inNamespace(namespace).withName(name),
                        namespace, name, gracePeriod, evict)));
            }
            return collect(names, pending, cancel);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome collect(List<String> names, List<Future<String>> pending, CancelToken cancel) {
        List<String> terminated = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String failure;
            try {
                failure = pending.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunInterrupted("thread interrupted");
            } catch (ExecutionException | CancellationException e) {
                cancel.throwIfCancelled();
                Throwable cause = e.getCause() == null ? e : e.getCause();
                failure = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            }
            if (failure == null) terminated.add(names.get(i));
            else failures.add(names.get(i) + ": " + failure);
        }
        cancel.throwIfCancelled();
        return new Outcome(terminated, failures);
    }

    /** Null when the pod went, otherwise why not. */
    private static String terminateOne(PodResource pod, String namespace, String name, long gracePeriod,
                                       boolean evict) {
        try {
            if (evict) {
                return pod.evict(eviction(namespace, name, gracePeriod)) ? null
                        : "eviction refused with 429 Too Many Requests: a PodDisruptionBudget does not allow it now";
            }
            boolean deleted = !(gracePeriod >= 0 ? pod.withGracePeriod(gracePeriod).delete() : pod.delete()).isEmpty();
            return deleted ? null : "it was already gone";
        } catch (KubernetesClientException e) {
            return Api.describe(e);
        }
    }

    private static Eviction eviction(String namespace, String name, long gracePeriod) {
        EvictionBuilder eviction = new EvictionBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata();
        if (gracePeriod >= 0) {
            eviction.withDeleteOptions(new DeleteOptionsBuilder().withGracePeriodSeconds(gracePeriod).build());
        }
        return eviction.build();
    }
}
