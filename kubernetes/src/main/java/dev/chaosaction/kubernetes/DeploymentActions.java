package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.FunctionContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import java.util.List;
import java.util.Map;

/** {@code chaosk8s.deployment.actions}. Both return None, as the extension's do. */
final class DeploymentActions {
    private DeploymentActions() {}

    /** scale_deployment: sets spec.replicas. */
    static Object scale(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        String name = args.string("name");
        long replicas = args.integer("replicas");
        RollableScalableResource<Deployment> deployment = resource(cluster, args, name);
        if (context.dryRun()) {
            Map<String, Object> preview = DryRun.preview("would_scale", List.of(name));
            preview.put("replicas_from", (long) Deployments.desired(existing(deployment, name)));
            preview.put("replicas_to", replicas);
            return preview;
        }
        try {
            deployment.scale((int) replicas);
        } catch (KubernetesClientException e) {
            throw new ActivityFailed("failed to scale '" + name + "' to " + replicas + " replicas: "
                    + Api.describe(e), e);
        }
        return null;
    }

    /** rollout_deployment: restarts the pods, as {@code kubectl rollout restart} (a restartedAt annotation). */
    static Object rollout(Cluster cluster, Args args, FunctionContext context) throws ActivityFailed {
        String name = args.string("name");
        if (name == null || name.isEmpty()) throw new ActivityFailed("rollout_deployment needs a deployment name");
        RollableScalableResource<Deployment> deployment = resource(cluster, args, name);
        existing(deployment, name);
        if (context.dryRun()) return DryRun.preview("would_restart", List.of(name));
        deployment.rolling().restart();
        return null;
    }

    private static RollableScalableResource<Deployment> resource(Cluster cluster, Args args, String name)
            throws ActivityFailed {
        String ns = args.string("ns");
        cluster.guardrails().checkNamespace(ns);
        return cluster.client().apps().deployments().inNamespace(ns).withName(name);
    }

    private static Deployment existing(RollableScalableResource<Deployment> deployment, String name)
            throws ActivityFailed {
        Deployment found = deployment.get();
        if (found == null) throw new ActivityFailed("Deployment '" + name + "' was not found");
        return found;
    }
}
