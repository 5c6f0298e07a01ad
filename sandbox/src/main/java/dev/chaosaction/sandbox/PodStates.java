package dev.chaosaction.sandbox;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The two states a simulated pod goes through: just created (Pending), then Running and Ready. */
final class PodStates {
    private PodStates() {}

    static PodStatus pending() {
        return new PodStatusBuilder().withPhase("Pending")
                .withConditions(condition("PodScheduled", "True"), condition("Ready", "False"))
                .build();
    }

    static PodStatus running(Pod pod, Instant since) {
        String container = pod.getSpec().getContainers().getFirst().getName();
        return new PodStatusBuilder().withPhase("Running").withStartTime(since.toString())
                .withPodIP("10.0.0." + (1 + Math.floorMod(pod.getMetadata().getName().hashCode(), 250)))
                .withConditions(condition("Initialized", "True"), condition("Ready", "True"),
                        condition("ContainersReady", "True"), condition("PodScheduled", "True"))
                // imageID and containerID as a kubelet reports them: the Python client rejects a status without imageID.
                .withContainerStatuses(new ContainerStatusBuilder().withName(container)
                        .withImage(pod.getSpec().getContainers().getFirst().getImage())
                        .withImageID(imageId(pod.getSpec().getContainers().getFirst().getImage()))
                        .withContainerID("containerd://" + digest(pod.getMetadata().getName()))
                        .withReady(true).withStarted(true).withRestartCount(0)
                        .withNewState().withNewRunning().withStartedAt(since.toString()).endRunning().endState()
                        .build())
                .build();
    }

    /** A registry reference with a digest made from the image's name: the same image always has the same ID. */
    static String imageId(String image) {
        String repository = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
        return repository + "@sha256:" + digest(image);
    }

    private static String digest(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Running, Ready, and not on its way out: what a Service would send traffic to. */
    static boolean serving(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && "Running".equals(pod.getStatus().getPhase()) && conditionTrue(pod, "Ready");
    }

    static boolean conditionTrue(Pod pod, String type) {
        List<PodCondition> conditions = pod.getStatus() == null ? null : pod.getStatus().getConditions();
        return conditions != null
                && conditions.stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static boolean matches(Pod pod, Map<String, String> labels) {
        Map<String, String> own = pod.getMetadata().getLabels();
        return own != null && own.entrySet().containsAll(labels.entrySet());
    }

    private static PodCondition condition(String type, String status) {
        return new PodConditionBuilder().withType(type).withStatus(status).build();
    }
}
