package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.activity.FunctionContext;
import dev.chaosaction.activity.RunInterrupted;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code chaosk8s.deployment.probes}. A missing {@code availableReplicas} or {@code readyReplicas} (the API
 * leaves them out at zero) counts as zero, where the extension compared or crashed on {@code None}.
 */
final class DeploymentProbes {
    private DeploymentProbes() {}

    /** deployment_available_and_healthy: every matching deployment has all its replicas available. */
    static Object availableAndHealthy(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        String name = args.string("name");
        boolean raise = args.bool("raise_on_unavailable");
        List<Deployment> found = find(cluster, args);
        if (found.isEmpty()) return Probes.fail(raise, "Deployment '" + name + "' was not found");
        for (Deployment d : found) {
            if (Deployments.available(d) != Deployments.desired(d)) {
                return Probes.fail(raise, "Deployment '" + name + "' is not healthy: " + Deployments.available(d)
                        + " of " + Deployments.desired(d) + " replicas available");
            }
        }
        return true;
    }

    /** deployment_partially_available: at least one replica is available. */
    static Object partiallyAvailable(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        String name = args.string("name");
        boolean raise = args.bool("raise_on_not_partially_available");
        List<Deployment> found = find(cluster, args);
        if (found.isEmpty()) return Probes.fail(raise, "Deployment '" + name + "' was not found");
        return Deployments.available(found.getFirst()) >= 1
                || Probes.fail(raise, "Deployment '" + name + "' is not healthy: no replica available");
    }

    /** deployment_fully_available: waits up to {@code timeout} s until ready replicas equal the desired ones. */
    static Object fullyAvailable(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        return waitFor(cluster, args, context.cancel(), true)
                || Probes.fail(args.bool("raise_on_not_fully_available"), "deployment '" + args.string("name")
                        + "' failed to recover within " + args.integer("timeout") + "s");
    }

    /** deployment_not_fully_available: waits up to {@code timeout} s until some replica is not ready. */
    static Object notFullyAvailable(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        return waitFor(cluster, args, context.cancel(), false)
                || Probes.fail(args.bool("raise_on_fully_available"), "deployment '" + args.string("name")
                        + "' failed to stop running within " + args.integer("timeout") + "s");
    }

    private static List<Deployment> find(Cluster cluster, Args args) throws ActivityFailed {
        return Deployments.find(cluster.client(), args.string("ns"), args.string("name"),
                args.string("label_selector"));
    }

    /** Watches the deployment until its readiness is {@code ready}; false when the timeout passes first. */
    private static boolean waitFor(Cluster cluster, Args args, CancelToken cancel, boolean ready)
            throws ActivityFailed {
        String name = args.string("name");
        String selector = args.string("label_selector");
        KubernetesClient client = cluster.client();
        // The informer's events are read by their kind: Deployment must be known to the client's serialization
        // (registered here, not when the client is built: most runs never watch a deployment).
        client.getKubernetesSerialization().registerKubernetesResource(Deployment.class);
        CompletableFuture<List<Deployment>> reached = Deployments.query(client, args.string("ns"), name,
                        selector == null ? null : selector.replace("{name}", name))
                .informOnCondition(list -> list.stream().anyMatch(d -> name.equals(d.getMetadata().getName())
                        && (Deployments.ready(d) == Deployments.desired(d)) == ready));
        try (CancelToken.Registration ignored = cancel.onCancel(() -> reached.cancel(true))) {
            reached.get(args.integer("timeout"), TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunInterrupted("thread interrupted");
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            cancel.throwIfCancelled();
            throw new ActivityFailed(args.func() + ": cannot watch deployment '" + name + "': " + e.getMessage(), e);
        } finally {
            // Cancelling the future stops the informer behind it.
            reached.cancel(true);
        }
    }
}
