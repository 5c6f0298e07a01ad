package dev.chaosaction.activity;

import static dev.chaosaction.experiment.Activities.list;
import static dev.chaosaction.experiment.Activities.map;

import dev.chaosaction.config.Substitution;
import dev.chaosaction.experiment.Dry;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.journal.RunItem;
import dev.chaosaction.value.Py;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one activity the way Chaos Toolkit's {@code execute_activity} does: resolve a ref, pause before, record
 * the item, call the provider (unless dry), record the outcome, pause after.
 */
public final class ActivityExecutor {
    private final Providers providers;
    private final ActivityScope scope;
    private final Clock clock;

    public ActivityExecutor(Providers providers, ActivityScope scope, Clock clock) {
        this.providers = providers;
        this.scope = scope;
        this.clock = clock;
    }

    /** What the caller hears of one activity as it goes. */
    @FunctionalInterface
    public interface Hooks {
        /** The item, before the provider is called, so the journal keeps it even if the run is interrupted. */
        void started(RunItem item);

        /** The item ended (succeeded or failed), before the pause after it. */
        default void ended(RunItem item) {}

        /** A pause of {@code seconds} begins, {@code before} or {@code after} the activity. */
        default void pausing(Map<String, Object> activity, String when, double seconds) {}
    }

    /** Executes the activity. {@link RunInterrupted} and unexpected errors propagate. */
    public RunItem execute(Map<String, Object> declared, Hooks hooks) {
        checkpoint(); // a run stopped by now starts nothing, not even a pause
        Map<String, Object> activity = resolve(declared);
        // Decided by the function, not the declared type: a probe that changes things is skipped as an action.
        String type = scope.functions().effectiveType(activity);
        boolean skipped = scope.dry() != null && scope.dry().skips(type);
        boolean pauses = scope.dry() == null;
        pause(activity, "before", pauses, hooks);
        RunItem item = new RunItem(activity, clock.instant());
        hooks.started(item);
        try {
            Object output = skipped ? preview(activity) : call(activity, false);
            item.succeeded(output, clock.instant());
        } catch (ActivityFailed e) {
            item.failed(e.getMessage(), clock.instant());
        } catch (RuntimeException | Error e) {
            item.ended(clock.instant());
            throw e;
        }
        hooks.ended(item);
        pause(activity, "after", pauses, hooks);
        return item;
    }

    /** The activity a {@code {"ref": name}} stands for; the journal records the resolved one. */
    public Map<String, Object> resolve(Map<String, Object> activity) {
        if (!(activity.get("ref") instanceof String ref)) return activity;
        Map<String, Object> target = scope.referable().get(ref);
        if (target == null) throw new IllegalStateException("referenced activity '" + ref + "' could not be found");
        return target;
    }

    /** Calls the activity's provider and returns its output (used for tolerance probes and dynamic config too). */
    public Object call(Map<String, Object> activity, boolean dryRun) throws ActivityFailed {
        checkpoint();
        Map<String, Object> provider = map(activity.get("provider"));
        return switch (Py.str(provider.get("type"))) {
            case "http" -> providers.http().call(substituted(provider, List.of("url", "headers", "timeout"),
                    List.of("arguments")), scope.cancel());
            case "process" -> providers.process().call(substituted(provider, List.of(), List.of("arguments")),
                    scope.cancel());
            case "python" -> callFunction(activity, provider, dryRun);
            default -> throw new ActivityFailed("unknown provider type '" + provider.get("type") + "'");
        };
    }

    /** Asks the stop conditions, then throws {@link RunInterrupted} if the run is stopping. */
    private void checkpoint() {
        scope.beforeCall().run();
        scope.cancel().throwIfCancelled();
    }

    /** In a dry run, a function that changes things still resolves its real targets and says what it would do. */
    private Object preview(Map<String, Object> activity) throws ActivityFailed {
        Map<String, Object> provider = map(activity.get("provider"));
        boolean action = "action".equals(scope.functions().effectiveType(activity));
        return action && "python".equals(provider.get("type")) ? callFunction(activity, provider, true) : null;
    }

    private Object callFunction(Map<String, Object> activity, Map<String, Object> provider, boolean dryRun)
            throws ActivityFailed {
        String module = Py.str(provider.get("module"));
        String func = Py.str(provider.get("func"));
        FunctionLibrary.Entry entry = scope.functions().find(module, func)
                .orElseThrow(() -> new ActivityFailed("no function " + module + "." + func));
        Map<String, Object> arguments = map(substituted(provider, List.of(), List.of("arguments")).get("arguments"));
        List<Problem> problems = entry.signature().bind(arguments, "/arguments", false);
        if (!problems.isEmpty()) throw new ActivityFailed(problems.getFirst().message());
        FunctionContext context = new FunctionContext(scope.configuration(), secretsFor(provider), scope.cancel(),
                dryRun, scope.runtime());
        return entry.function().call(entry.signature().withDefaults(arguments), context);
    }

    /** The scopes a provider lists under {@code secrets}, merged into one map (Chaos Toolkit's rule). */
    private Map<String, Object> secretsFor(Map<String, Object> provider) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Object scopeName : list(provider.get("secrets"))) {
            merged.putAll(scope.secrets().getOrDefault(Py.str(scopeName), Map.of()));
        }
        return merged;
    }

    /**
     * Chaos Toolkit substitutes some provider fields always and others only when there is configuration or
     * secrets at all (an empty lookup leaves {@code $$} alone there).
     */
    private Map<String, Object> substituted(Map<String, Object> provider, List<String> always, List<String> ifAny) {
        Map<String, Object> copy = new LinkedHashMap<>(provider);
        for (String key : always) {
            if (copy.containsKey(key)) copy.put(key, Substitution.substitute(copy.get(key), scope.lookup()));
        }
        if (!scope.lookup().isEmpty()) {
            for (String key : ifAny) {
                if (copy.containsKey(key)) copy.put(key, Substitution.substitute(copy.get(key), scope.lookup()));
            }
        }
        return copy;
    }

    private void pause(Map<String, Object> activity, String when, boolean enabled, Hooks hooks) {
        if (!enabled) return;
        Object value = Substitution.substitute(map(activity.get("pauses")).get(when), scope.lookup());
        if (value instanceof Number seconds && seconds.doubleValue() > 0) {
            hooks.pausing(activity, when, seconds.doubleValue());
            scope.cancel().sleep(Duration.ofNanos((long) (seconds.doubleValue() * 1e9)));
        }
    }
}
