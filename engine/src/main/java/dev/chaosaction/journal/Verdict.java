package dev.chaosaction.journal;

import static dev.chaosaction.experiment.Activities.list;
import static dev.chaosaction.experiment.Activities.map;

import dev.chaosaction.experiment.Dry;
import dev.chaosaction.value.Py;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a run says about resilience, beside Chaos Toolkit's status (which says only how the run ended). Only
 * {@link #HELD} is good news: the steady state was met before the method, every method action ran for real
 * and succeeded, and the steady state was met again after it. The first verdict of this list that applies wins:
 * <ol>
 * <li>{@code interrupted}: a signal or the deadline stopped the run, or the process died (the journal on disk,
 *     written as the run went, has no {@code end});</li>
 * <li>{@code aborted}: the run stopped itself (kill switch, locked namespace, a tolerance it could not judge,
 *     an unexpected error);</li>
 * <li>{@code unhealthy-before}: the steady state was not met before the method (a probe missed its tolerance
 *     or failed), so the method was skipped and nothing was learnt;</li>
 * <li>{@code deviated}: the steady state was not met after the method, or during it;</li>
 * <li>{@code rollback-failed}: a rollback failed or was cut short, so the system may not be as it was;</li>
 * <li>{@code not-injected}: no fault was injected: a method action failed (no pod matched, a guardrail or the
 *     API refused), the method had no action (only probes, or none at all), or a dry run skipped the actions;</li>
 * <li>{@code unverified}: faults were injected but the steady state was not checked both before and after (or
 *     during) the method: no hypothesis, a strategy that skips one side, or a dry run that does not judge
 *     probes;</li>
 * <li>{@code held}: none of the above.</li>
 * </ol>
 * It is judged from the journal document alone, so a journal from Chaos Toolkit gets one too.
 */
public enum Verdict {
    INTERRUPTED, ABORTED, UNHEALTHY_BEFORE, DEVIATED, ROLLBACK_FAILED, NOT_INJECTED, UNVERIFIED, HELD;

    /** The journal's key under {@code chaos-action}. */
    public static final String KEY = "verdict";

    /** A verdict and the sentence that explains it. */
    public record Judgement(Verdict verdict, String why) {}

    /** {@code not-injected}, as it is written in journals, outputs and options. */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Verdict parse(String value) {
        for (Verdict v : values()) if (v.value().equals(value.strip().toLowerCase(Locale.ROOT))) return v;
        throw new IllegalArgumentException("unknown verdict '" + value + "', expected one of " + names());
    }

    public static String names() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Verdict::value).toList());
    }

    /** The verdict journaled under {@code chaos-action.verdict}, else judged from the document now. */
    public static Verdict of(Map<String, Object> journal) {
        Object recorded = map(journal.get("chaos-action")).get(KEY);
        if (recorded instanceof String s) {
            try {
                return parse(s);
            } catch (IllegalArgumentException e) {
                // A journal from a later version: judge it again.
            }
        }
        return judge(journal).verdict();
    }

    /** Judges a journal document (Chaos Toolkit's keys only). */
    public static Judgement judge(Map<String, Object> journal) {
        String status = Py.str(journal.get("status"));
        Map<String, Object> states = map(journal.get("steady_states"));
        Object before = states.get("before");
        Object after = states.get("after");
        List<Object> during = list(states.get("during"));
        Dry dry = dry(map(journal.get("experiment")).get("dry"));
        String reason = map(journal.get("chaos-action")).get("reason") instanceof String r ? ": " + r : "";
        if ("interrupted".equals(status)) return new Judgement(INTERRUPTED, "the run was interrupted" + reason);
        if ("running".equals(status) || !journal.containsKey("end")) {
            return new Judgement(INTERRUPTED, "the run did not finish: the journal was last written while it ran");
        }
        if ("aborted".equals(status)) return new Judgement(ABORTED, "the run was aborted" + reason);
        if (before != null && !met(before)) {
            return new Judgement(UNHEALTHY_BEFORE, "the steady state was not met before the method, which was skipped");
        }
        if (Py.truthy(journal.get("deviated")) || (after != null && !met(after))) {
            return new Judgement(DEVIATED, "the steady state was not met after the method");
        }
        long unmetDuring = during.stream().filter(s -> !met(s)).count();
        if (unmetDuring > 0) {
            return new Judgement(DEVIATED, "the steady state was not met during the method (" + unmetDuring + " of "
                    + during.size() + " checks)");
        }
        Optional<String> rollback = unfinished(list(journal.get("rollbacks")));
        if (rollback.isPresent()) return new Judgement(ROLLBACK_FAILED, rollback.get());
        Optional<String> notInjected = notInjected(list(journal.get("run")), dry);
        if (notInjected.isPresent()) return new Judgement(NOT_INJECTED, notInjected.get());
        if (dry != null && dry.skipsTolerances()) {
            return new Judgement(UNVERIFIED, "a dry run (" + dry.value() + ") does not judge the steady state");
        }
        if (before == null) return new Judgement(UNVERIFIED, "the steady state was not checked before the method");
        if (after == null && during.isEmpty()) {
            return new Judgement(UNVERIFIED, "the steady state was not checked after the method");
        }
        if (!"completed".equals(status)) return new Judgement(ABORTED, "the run ended " + status + reason);
        return new Judgement(HELD, "the steady state was met before and after the injected faults");
    }

    /** Why no fault counts as injected, or empty when every method action ran for real and succeeded. */
    private static Optional<String> notInjected(List<Object> run, Dry dry) {
        int actions = 0;
        for (Object entry : run) {
            Map<String, Object> item = map(entry);
            Map<String, Object> activity = map(item.get("activity"));
            if (!"action".equals(activity.get("type"))) continue;
            actions++;
            if (!"succeeded".equals(item.get("status"))) return Optional.of(unsuccessful("action", item));
        }
        if (actions == 0) return Optional.of("the method ran no action, so no fault was injected");
        if (dry != null && dry.skips("action")) {
            return Optional.of("a dry run (" + dry.value() + ") injects no fault");
        }
        return Optional.empty();
    }

    private static Optional<String> unfinished(List<Object> rollbacks) {
        for (Object entry : rollbacks) {
            Map<String, Object> item = map(entry);
            if (!"succeeded".equals(item.get("status"))) return Optional.of(unsuccessful("rollback", item));
        }
        return Optional.empty();
    }

    /** "the action 'kill' failed: no pod matched"; an item without a status was cut short. */
    private static String unsuccessful(String what, Map<String, Object> item) {
        String failure = failure(item);
        return "the " + what + " '" + Py.str(map(item.get("activity")).get("name")) + "' "
                + (item.get("status") == null ? "did not finish" : "failed") + (failure.isEmpty() ? "" : ": " + failure);
    }

    /** The failure message of a journal item, without Chaos Toolkit's exception prefix. */
    public static String failure(Map<String, Object> item) {
        List<Object> exception = list(item.get("exception"));
        if (exception.isEmpty()) return "";
        return Py.str(exception.getLast()).replaceFirst("^chaoslib\\.exceptions\\.ActivityFailed: ", "").strip();
    }

    private static boolean met(Object state) {
        return Py.truthy(map(state).get("steady_state_met"));
    }

    private static Dry dry(Object value) {
        if (!(value instanceof String s)) return null;
        try {
            return Dry.parse(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
