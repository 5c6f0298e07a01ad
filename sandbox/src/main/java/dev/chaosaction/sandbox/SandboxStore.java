package dev.chaosaction.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import tools.jackson.databind.node.ObjectNode;

/**
 * The mock API server's in-memory store, with one addition: a resource created with the annotation
 * {@value #CREATED_AT} gets that creation time instead of "now". The mock stamps creationTimestamp itself (to
 * the second), so without this every seeded pod would be equally old and "oldest first" would mean nothing.
 */
final class SandboxStore extends KubernetesCrudDispatcher {
    static final String CREATED_AT = "sandbox.chaos-action.dev/created-at";

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
                             GenericKubernetesResource resource, String newState) {
        super.processEvent(path, pathAttributes, oldAttributes, resource, backdated(newState));
    }

    private static String backdated(String state) {
        if (state == null || !state.contains(CREATED_AT)) return state;
        ObjectNode root = (ObjectNode) Serialization.jsonMapper().readTree(state);
        ObjectNode metadata = (ObjectNode) root.get("metadata");
        if (metadata == null || metadata.path("annotations").path(CREATED_AT).isMissingNode()) return state;
        metadata.put("creationTimestamp", metadata.path("annotations").path(CREATED_AT).asString());
        return Serialization.jsonMapper().writeValueAsString(root);
    }
}
