package dev.chaosaction.kubernetes;

import dev.chaosaction.activity.ActivityFailed;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The targets of terminate_pods and exec_in_pods, chosen as the extension's {@code _select_pods} chooses them:
 * list the namespace's pods (by label), keep the names the pattern finds ({@code re.search}), order them
 * ({@code alphabetic} keeps the API's order, {@code oldest} sorts by creation), then take all of them, a
 * fixed number or a percentage (rounded up), the first ones or a random sample.
 *
 * <p>Unlike the extension, pods already terminating are set aside before choosing: deleting them again
 * would count as chaos that did not happen.
 */
record PodSelection(String labelSelector, Pattern namePattern, boolean all, boolean rand, boolean percentage,
                    long qty, String namespace, boolean oldestFirst) {

    /** What was chosen, and what was there to choose from. */
    record Picked(List<GenericKubernetesResource> pods, List<String> terminating, int candidates) {
        List<String> names() {
            return Pods.names(pods);
        }
    }

    static PodSelection from(Args args) throws ActivityFailed {
        long qty = args.integer("qty");
        if (qty < 0) throw new ActivityFailed("Cannot select pods. Quantity '" + qty + "' is negative.");
        String mode = args.string("mode");
        if (!"fixed".equals(mode) && !"percentage".equals(mode)) {
            throw new ActivityFailed("Cannot select pods. Mode '" + mode + "' is invalid.");
        }
        String order = args.string("order");
        if (!"alphabetic".equals(order) && !"oldest".equals(order)) {
            throw new ActivityFailed("Cannot select pods. Order '" + order + "' is invalid.");
        }
        return new PodSelection(args.string("label_selector"), pattern(args.string("name_pattern")),
                args.bool("all"), args.bool("rand"), "percentage".equals(mode), qty, args.string("ns"),
                "oldest".equals(order));
    }

    Picked select(KubernetesClient client) {
        return pick(Pods.list(client, namespace, labelSelector), RandomGenerator.getDefault());
    }

    Picked pick(List<GenericKubernetesResource> listed, RandomGenerator random) {
        List<GenericKubernetesResource> candidates = new ArrayList<>();
        List<String> terminating = new ArrayList<>();
        for (GenericKubernetesResource pod : listed) {
            if (namePattern != null && !namePattern.matcher(Pods.name(pod)).find()) continue;
            if (Pods.terminating(pod)) terminating.add(Pods.name(pod));
            else candidates.add(pod);
        }
        if (oldestFirst) candidates.sort(Comparator.comparing(PodSelection::created));
        if (all) return new Picked(candidates, terminating, candidates.size());
        long wanted = percentage ? Math.ceilDiv(qty * candidates.size(), 100) : qty;
        int count = (int) Math.min(wanted, candidates.size());
        List<GenericKubernetesResource> pool = new ArrayList<>(candidates);
        if (rand) Collections.shuffle(pool, random);
        return new Picked(List.copyOf(pool.subList(0, count)), terminating, candidates.size());
    }

    /** Which pods were asked for, for messages. */
    String describe() {
        return "pods in namespace '" + namespace + "'"
                + (labelSelector == null || labelSelector.isEmpty() ? "" : " with labels '" + labelSelector + "'")
                + (namePattern == null ? "" : " whose name matches '" + namePattern.pattern() + "'");
    }

    private static Instant created(GenericKubernetesResource pod) {
        String stamp = pod.getMetadata().getCreationTimestamp();
        return stamp == null ? Instant.MAX : Instant.parse(stamp);
    }

    /** Python's pattern, with its named-group spelling {@code (?P<name>...)} made Java's. */
    private static Pattern pattern(String source) throws ActivityFailed {
        if (source == null || source.isEmpty()) return null;
        try {
            return Pattern.compile(source.replace("(?P<", "(?<"));
        } catch (PatternSyntaxException e) {
            throw new ActivityFailed("Cannot select pods. Name pattern '" + source + "' is invalid: "
                    + e.getDescription());
        }
    }
}
