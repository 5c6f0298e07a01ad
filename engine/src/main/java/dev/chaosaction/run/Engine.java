package dev.chaosaction.run;

import dev.chaosaction.activity.ActivityExecutor;
import dev.chaosaction.activity.ActivityScope;
import dev.chaosaction.activity.CancelToken;
import dev.chaosaction.activity.FunctionCatalog;
import dev.chaosaction.activity.FunctionLibraryFactory;
import dev.chaosaction.activity.Providers;
import dev.chaosaction.config.Configuration;
import dev.chaosaction.config.Overrides;
import dev.chaosaction.config.Redactor;
import dev.chaosaction.config.Secrets;
import dev.chaosaction.config.Substitution;
import dev.chaosaction.experiment.Activities;
import dev.chaosaction.experiment.Aliases;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.policy.EnvPolicy;
import dev.chaosaction.safety.KillSwitch;
import dev.chaosaction.safety.CachedKillSwitch;
import dev.chaosaction.safety.KillSwitches;
import dev.chaosaction.safety.StopAlarms;
import dev.chaosaction.safety.Targets;
import dev.chaosaction.validation.BooleanProbes;
import dev.chaosaction.validation.HttpToleranceAdvice;
import dev.chaosaction.validation.ValidationContext;
import dev.chaosaction.validation.Validator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine every adapter drives: {@link #prepare} (validate, resolve configuration and secrets: nothing is
 * touched yet) then {@link #run} (the phases, returning the journal).
 */
public final class Engine {
    private final EngineOptions options;
    private final Providers providers;

    public Engine(EngineOptions options) {
        this.options = options;
        this.providers = new Providers(options.env(), options.policy());
    }

    public EngineOptions options() {
        return options;
    }

    /** Validates the experiment with the overrides applied and resolves what it needs. */
    public Prepared prepare(Map<String, Object> document, Overrides overrides, boolean validate)
            throws InvalidExperimentException {
        return prepare(document, overrides, validate, Map.of());
    }

    /** As above, with the settings file's global {@code controls} (name to control). */
    public Prepared prepare(Map<String, Object> document, Overrides overrides, boolean validate,
                            Map<String, Object> globalControls) throws InvalidExperimentException {
        Map<String, Object> experiment = overrides.applyTo(document);
        List<Integer> booleanProbes = BooleanProbes.candidates(experiment);
        Aliases.normalize(experiment);
        Map<String, String> env = new HashMap<>(options.env());
        env.putAll(overrides.env());
        // What configuration and secrets may read: the deployment's allowed variables, and the var files' own.
        EnvPolicy envPolicy = options.policy().env();
        Map<String, String> visible = new HashMap<>(envPolicy.visible(options.env()));
        visible.putAll(overrides.env());
        List<String> warnings = new ArrayList<>();
        if (validate || !booleanProbes.isEmpty()) {
            try (FunctionCatalog catalog = catalog(Activities.map(experiment.get("configuration")), experiment, env)) {
                warnings.addAll(BooleanProbes.apply(experiment, booleanProbes, catalog));
                if (validate) validate(experiment, env, visible, catalog, globalControls);
            }
        }
        warnings.addAll(HttpToleranceAdvice.warnings(experiment));
        Map<String, Object> raw = Activities.map(experiment.get("configuration"));
        Map<String, Object> configuration = Configuration.load(raw, visible, envPolicy);
        Map<String, Map<String, Object>> secrets = Secrets.load(Activities.map(experiment.get("secrets")), visible,
                envPolicy);
        return new Prepared(experiment, configuration, secrets, env,
                Redactor.forRun(configuration, secrets, Configuration.fromEnvironment(raw, configuration, visible)),
                List.copyOf(warnings), globalControls);
    }

    private void validate(Map<String, Object> experiment, Map<String, String> env, Map<String, String> visible,
                          FunctionCatalog catalog, Map<String, Object> globalControls)
            throws InvalidExperimentException {
        List<Problem> problems = new Validator(new ValidationContext(env, catalog, options.allowedProviders(),
                visible, options.policy(), options.controls(), globalControls)).validate(experiment);
        if (!problems.isEmpty()) throw new InvalidExperimentException(problems);
    }

    /** Runs a prepared experiment to its end; interruptions and deadlines come through {@code control}. */
    public Journal run(Prepared prepared, RunSettings settings, RunListener listener, RunControl control,
                       String runId) {
        control.deadline(settings.deadline(), settings.reserve(), options.clock());
        try (FunctionCatalog catalog = catalog(prepared.configuration(), prepared.experiment(), prepared.env())) {
            Safeguards safeguards = safeguards(prepared, settings, catalog);
            Holder<StopConditions> stops = new Holder<>();
            Runnable gate = () -> {
                if (stops.value != null) stops.value.check();
            };
            Map<String, Object> configuration = dynamicConfiguration(prepared, settings, catalog, control, safeguards);
            Map<String, Object> lookup = Substitution.lookup(configuration, prepared.secrets());
            Journal journal = new Journal(runId, journalExperiment(prepared, settings, lookup),
                    options.clock().instant());
            journal.warnings(prepared.warnings());
            journal.configuration(configuration);
            stops.value = stopConditions(prepared, safeguards, journal, control);
            RunContext context = new RunContext(prepared.experiment(), journal,
                    executor(prepared, configuration, settings, catalog, control.main(), gate),
                    executor(prepared, configuration, settings, catalog, control.rollbacks(),
                            rollbackGate(safeguards, control)),
                    lookup, settings, listener, control, options.clock(), safeguards, stops.value,
                    new Controls(prepared.globalControls(), prepared.experiment(), options.controls(), lookup,
                            stops.value));
            return new Runner(context).run();
        } finally {
            control.close();
        }
    }

    /**
     * The configuration with its dynamic entries resolved by their probes, unless the kill switch is engaged
     * (the run is refused then, and a refused run calls nothing). They run before the journal exists, as in
     * Chaos Toolkit, so no stop condition but the kill switch is asked.
     */
    private Map<String, Object> dynamicConfiguration(Prepared prepared, RunSettings settings, FunctionCatalog catalog,
                                                     RunControl control, Safeguards safeguards) {
        if (safeguards.killSwitch().engaged().isPresent()) return prepared.configuration();
        return DynamicConfiguration.resolve(prepared.configuration(), (probe, soFar) ->
                executor(prepared, soFar, settings, catalog, control.main(), () -> {}).call(probe, false));
    }

    /** Filled once the journal exists; dynamic configuration, which runs before, sees no stop condition yet. */
    private static final class Holder<T> {
        volatile T value;
    }

    /**
     * The run's stop conditions: the kill switch (a breach aborts, as it always has) and the stop alarms (a
     * breach interrupts, as a safeguard does); safeguards report their own breaches.
     */
    private StopConditions stopConditions(Prepared prepared, Safeguards safeguards, Journal journal,
                                          RunControl control) {
        List<StopConditions.Watched> watched = new ArrayList<>();
        if (safeguards.killSwitch() != KillSwitch.NONE) {
            watched.add(new StopConditions.Watched("aborted", safeguards.killSwitch()));
        }
        StopAlarms.of(options.env(), Activities.map(prepared.experiment().get("runtime")), options.alarms())
                .ifPresent(alarms -> watched.add(new StopConditions.Watched("interrupted", alarms)));
        return new StopConditions(watched, journal, control, CachedKillSwitch.INTERVAL);
    }

    /** Rollbacks obey the kill switch only when the deployment says so ({@code CHAOS_KILL_SWITCH_ROLLBACKS=skip}). */
    private static Runnable rollbackGate(Safeguards safeguards, RunControl control) {
        if (safeguards.rollbacksAfterKillSwitch()) return () -> {};
        return () -> safeguards.killSwitch().engaged()
                .ifPresent(why -> control.rollbacks().cancel(why + "; rollbacks not played ("
                        + KillSwitches.ROLLBACKS_ENV + "=skip)"));
    }

    /**
     * The run's kill switch (the deployment's and the experiment's) and the namespaces it locks: none when a
     * dry run skips its actions, since they change nothing then.
     */
    private Safeguards safeguards(Prepared prepared, RunSettings settings, FunctionCatalog catalog) {
        // The deployment's own environment, not the run's: a var file (the experiment author's) must not be able
        // to point the deployment's switch elsewhere, nor to drop its alarms.
        KillSwitch killSwitch = KillSwitches.of(options.env(),
                Activities.map(prepared.experiment().get("runtime")), options.killSwitches());
        boolean actsForReal = settings.dry() == null || !settings.dry().skips("action");
        Map<String, Object> lookup = Substitution.lookup(prepared.configuration(), prepared.secrets());
        Set<String> namespaces = actsForReal ? Targets.namespaces(prepared.experiment(), lookup, catalog) : Set.of();
        return new Safeguards(killSwitch, options.targetLock(), namespaces, settings.deadline(),
                KillSwitches.rollbacksPlay(options.env()));
    }

    /**
     * Builds the client the first HTTP activity would otherwise build (it calls nothing): SnapStart priming
     * uses it so that the first invocation after a restore finds it made.
     */
    public void primeHttpClient() {
        providers.http();
    }

    /** The journal document, secrets redacted: what every store writes. */
    public static Map<String, Object> document(Prepared prepared, Journal journal) {
        @SuppressWarnings("unchecked")
        Map<String, Object> redacted = (Map<String, Object>) prepared.redactor().redact(journal.toMap());
        return redacted;
    }

    private ActivityExecutor executor(Prepared prepared, Map<String, Object> configuration, RunSettings settings,
                                      FunctionCatalog catalog, CancelToken cancel, Runnable gate) {
        Map<String, Object> lookup = Substitution.lookup(configuration, prepared.secrets());
        ActivityScope scope = new ActivityScope(configuration, prepared.secrets(), lookup,
                Activities.referable(prepared.experiment()), catalog, settings.dry(), cancel,
                Activities.map(prepared.experiment().get("runtime")), gate);
        return new ActivityExecutor(providers, scope, options.clock());
    }

    private FunctionCatalog catalog(Map<String, Object> configuration, Map<String, Object> experiment,
                                    Map<String, String> env) {
        Map<String, Object> runtime = Activities.map(experiment.get("runtime"));
        return new FunctionCatalog(options.libraries().stream()
                .map((FunctionLibraryFactory f) -> f.create(configuration, env, runtime, options.policy())).toList());
    }

    /** A shallow copy with the title substituted and {@code dry} set, as Chaos Toolkit journals it. */
    private static Map<String, Object> journalExperiment(Prepared prepared, RunSettings settings,
                                                         Map<String, Object> lookup) {
        Map<String, Object> copy = new LinkedHashMap<>(prepared.experiment());
        copy.put("title", Substitution.substitute(copy.get("title"), lookup));
        copy.put("dry", settings.dry() == null ? null : settings.dry().value());
        return copy;
    }
}
