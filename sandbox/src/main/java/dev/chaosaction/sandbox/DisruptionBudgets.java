package dev.chaosaction.sandbox;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;

/**
 * The check the Eviction API makes, simplified: a budget covers a pod when its {@code matchLabels} all
 * match; it allows a disruption while enough covered pods stay healthy ({@code minAvailable}) or few enough
 * are down ({@code maxUnavailable}). Percentages are of the covered pods, rounded up.
 */
final class DisruptionBudgets {
    private DisruptionBudgets() {}

    /** The budget that forbids evicting {@code pod} now, or null when every budget allows it. */
    static PodDisruptionBudget blocking(Pod pod, List<Pod> namespacePods, List<PodDisruptionBudget> budgets) {
        if (!PodStates.serving(pod)) return null; // evicting a pod that serves nothing disrupts nothing
        for (PodDisruptionBudget budget : budgets) {
            Map<String, String> selector = budget.getSpec().getSelector() == null ? null
                    : budget.getSpec().getSelector().getMatchLabels();
            if (selector == null || selector.isEmpty() || !PodStates.matches(pod, selector)) continue;
            List<Pod> covered = namespacePods.stream()
                    .filter(p -> p.getMetadata().getDeletionTimestamp() == null && PodStates.matches(p, selector))
                    .toList();
            long healthy = covered.stream().filter(PodStates::serving).count();
            if (healthy - 1 < minimumHealthy(budget, covered.size())) return budget;
        }
        return null;
    }

    private static long minimumHealthy(PodDisruptionBudget budget, int expected) {
        IntOrString minAvailable = budget.getSpec().getMinAvailable();
        if (minAvailable != null) return amount(minAvailable, expected);
        IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
        return maxUnavailable == null ? 0 : expected - amount(maxUnavailable, expected);
    }

    private static long amount(IntOrString value, int expected) {
        if (value.getIntVal() != null) return value.getIntVal();
        String percent = value.getStrVal().trim();
        return Math.ceilDiv(Long.parseLong(percent.substring(0, percent.length() - 1)) * expected, 100);
    }
}
