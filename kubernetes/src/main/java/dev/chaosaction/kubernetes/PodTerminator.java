package dev.chaosaction.kubernetes;

import static java.net.HttpURLConnection.HTTP_NOT_FOUND;

import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.activity.RunInterrupted;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Deletes, or evicts, chosen pods: in parallel on a small pool (so a thousand pods do not take a thousand
 * round trips in a row, nor open a thousand connections), each pod exactly once.
 *
 * <p>A request is never sent again blindly. fabric8 would retry one whose answer was lost: the second request
 * would meet a 404 and call a pod we deleted "already gone", or delete the replacement a StatefulSet made under
 * the same name. So these requests go without fabric8's retries, and when one fails without a clear answer (a
 * 5xx, a dropped connection, a timeout; a 429 for a delete) the pod is read back: gone, terminating or replaced
 * (another uid) means the request got through; only a pod still there untouched gets the request again. An
 * eviction's 429 is a PodDisruptionBudget saying no: reported at once, not retried.
 */
final class PodTerminator {
    static final int PARALLELISM = 8;
    static final int ATTEMPTS = 3;
    private static final Duration PAUSE = Duration.ofMillis(500);
    private static final int TOO_MANY_REQUESTS = 429;

    /** How each pod fared: {@code failures} holds "name: reason" for the pods still there. */
    record Outcome(List<String> terminated, List<String> failures) {}

    private PodTerminator() {}

    /**
     * @param gracePeriod seconds to give the pods, or a negative number for each pod's own default
     * @param evict       through the Eviction API, so PodDisruptionBudgets may refuse
     */
    static Outcome terminate(KubernetesClient client, String namespace, List<? extends HasMetadata> pods,
                             long gracePeriod, boolean evict, CancelToken cancel) {
        KubernetesClient once = withoutRetries(client);
        PodDeletes deletes = evict ? null : new PodDeletes(once, namespace, gracePeriod);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLELISM, pods.size())),
                Thread.ofPlatform().daemon().name("chaos-terminate-", 0).factory());
        try (CancelToken.Registration ignored = cancel.onCancel(pool::shutdownNow)) {
            List<Future<String>> pending = new ArrayList<>();
            for (HasMetadata pod : pods) {
                pending.add(pool.submit(() -> terminateOne(once, deletes, client, namespace, pod, gracePeriod)));
            }
            return collect(Pods.names(pods), pending, cancel);
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
                cancel.throwIfCancelled();
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

    /** Null when the pod went, otherwise why not; {@code deletes} is null for an eviction. */
    private static String terminateOne(KubernetesClient once, PodDeletes deletes, KubernetesClient client,
                                       String namespace, HasMetadata pod, long gracePeriod)
            throws InterruptedException {
        boolean evict = deletes == null;
        String unanswered = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            boolean again = attempt > 1;
            try {
                return send(once, deletes, namespace, Pods.name(pod), gracePeriod, again);
            } catch (KubernetesClientException e) {
                // Sent again, a 404 means an earlier attempt got through after all.
                if (again && e.getCode() == HTTP_NOT_FOUND) return null;
                if (!unanswered(e, evict)) return Api.describe(e);
                unanswered = Api.describe(e);
            }
            try {
                if (wentAway(client, namespace, pod)) return null;
            } catch (KubernetesClientException e) {
                return unanswered + "; whether it went is unknown: " + Api.describe(e);
            }
            if (attempt < ATTEMPTS) Thread.sleep(PAUSE);
        }
        return unanswered + " (" + ATTEMPTS + " attempts)";
    }

    /** Null when the pod went, otherwise why not; throws when the API gave no clear answer. */
    private static String send(KubernetesClient once, PodDeletes deletes, String namespace, String name,
                               long gracePeriod, boolean again) throws InterruptedException {
        if (deletes != null) return deletes.delete(name) || again ? null : "it was already gone";
        PodResource pod = once.pods().inNamespace(namespace).withName(name);
        return pod.evict(eviction(namespace, name, gracePeriod)) ? null
                : "eviction refused with 429 Too Many Requests: a PodDisruptionBudget does not allow it now";
    }

    /** No clear answer: the request may or may not have reached the cluster (a 429 says it did not act yet). */
    private static boolean unanswered(KubernetesClientException e, boolean evict) {
        return e.getCode() <= 0 || e.getCode() >= 500 || !evict && e.getCode() == TOO_MANY_REQUESTS;
    }

    /** Gone, terminating, or replaced under the same name: a request for it got through. */
    private static boolean wentAway(KubernetesClient client, String namespace, HasMetadata pod) {
        Pod now = client.pods().inNamespace(namespace).withName(Pods.name(pod)).get();
        return now == null || Pods.terminating(now)
                || !Objects.equals(now.getMetadata().getUid(), pod.getMetadata().getUid());
    }

    /** The same client without fabric8's retries. */
    private static KubernetesClient withoutRetries(KubernetesClient client) {
        RequestConfig once = new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                .withRequestRetryBackoffLimit(0).build();
        return client.newClient(once).adapt(KubernetesClient.class);
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
