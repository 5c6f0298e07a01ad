package dev.chaosaction.sandbox;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/**
 * The product brief's ML service, simulated: a model-serving Deployment {@code ml-service} (label
 * {@code app=ml-service}, pods {@code ml-service-...}) in namespace {@code default}, alone on the node
 * {@code ml-service-node} (tainted so that the shop's pods stay off it), behind a health endpoint at
 * {@code /api/health} that answers {@code {"status": "UP"}} while {@value #MIN_READY} of its
 * {@value #REPLICAS} replicas are ready, DOWN otherwise. The brief's experiments run against it unchanged. Beside
 * it, a simulated model server ({@link ModelServer}): predictions whose latency follows load and health, a fallback
 * answer while no replica serves, the model version served (the image tag, {@code simulated/ml-model:1.4.0}), and
 * rollouts and rollbacks of that version.
 */
final class MlService {
    static final String NAMESPACE = "default";
    static final String NAME = "ml-service";
    static final String NODE = "ml-service-node";
    static final String PATH = "/api/health";
    static final int REPLICAS = 3;
    static final int MIN_READY = 2;
    private static final String TAINT = "chaos-action.dev/dedicated";

    private MlService() {}

    /** The node, dedicated to the service with a NoSchedule taint. */
    static Node node(Node base) {
        return new NodeBuilder(base).editSpec().addNewTaint().withKey(TAINT).withValue(NAME)
                .withEffect("NoSchedule").endTaint().endSpec().build();
    }

    /** The Deployment, its pods tolerating the taint and pinned to the node. */
    static Deployment deployment(Deployment base) {
        return new DeploymentBuilder(base).editSpec().editTemplate().editSpec()
                .editFirstContainer().withImage(ModelFleet.IMAGE + ":" + ModelFleet.FIRST_VERSION).endContainer()
                .addToNodeSelector("kubernetes.io/hostname", NODE)
                .addNewToleration().withKey(TAINT).withOperator("Equal").withValue(NAME).withEffect("NoSchedule")
                .endToleration().endSpec().endTemplate().endSpec().build();
    }

    static String banner(String healthUrl, boolean misconfigured) {
        return "SIMULATED ML service (the product brief's): Deployment " + NAMESPACE + "/" + NAME + ", " + REPLICAS
                + " replicas (label app=" + NAME + ") on node " + NODE + "; http://" + NAME + PATH
                + " is routed to " + healthUrl + " for this sandbox's runs only, as a cluster's DNS would"
                + " (UP while at least " + MIN_READY + " pods are ready); SIMULATED model server on the same routes:"
                + " POST /api/predict, GET /api/model, POST /api/model/rollout, POST /api/model/rollback (model "
                + ModelFleet.IMAGE + ":" + ModelFleet.FIRST_VERSION + ")"
                + (misconfigured ? "; MISCONFIGURED: input checks off, out-of-distribution inputs fail with 500" : "");
    }
}
