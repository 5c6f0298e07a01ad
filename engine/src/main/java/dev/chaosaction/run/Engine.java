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
import dev.chaosaction.safety.KillSwitches;
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
        Map<String, Object> experiment = overrides.applyTo(document);
        List<Integer> booleanProbes = BooleanProbes.candidates(experiment);
        Aliases.normalize(experiment);
        Map<String, String> env = new HashMap<>(options.env());
        env.putAll(overrides.env());
        // What configuration and secrets may read: the deployment's allowed variables, and the var files' own.
        Map<String, String> visible = new HashMap<>(options.policy().env().visible(options.env()));
        visible.putAll(overrides.env());
        EnvPolicy envPolicy = options.policy().env();
        List<String> warnings = new ArrayList<>();
        if (validate || !booleanProbes.isEmpty()) {
            try (FunctionCatalog catalog = catalog(Activities.map(experiment.get("configuration")), experiment, env)) {
                warnings.addAll(BooleanProbes.apply(experiment, booleanProbes, catalog));
                if (validate) validate(experiment, env, visible, catalog);
            }
        }
        warnings.addAll(HttpToleranceAdvice.warnings(experiment));
        Map<String, Object> raw = Activities.map(experiment.get("configuration"));
        Map<String, Object> configuration = Configuration.load(raw, visible, envPolicy);
        Map<String, Map<String, Object>> secrets = Secrets.load(Activities.map(experiment.get("secrets")), visible,
                envPolicy);
        return new Prepared(experiment, configuration, secrets, env,
                Redactor.forRun(configuration, secrets, Configuration.fromEnvironment(raw, configuration, visible)),
                List.copyOf(warnings));
    }

    private void validate(Map<String, Object> experiment, Map<String, String> env, Map<String, String> visible,
                          FunctionCatalog catalog) throws InvalidExperimentException {
        List<Problem> problems = new Validator(new ValidationContext(env, catalog, options.allowedProviders(),
                visible, options.policy())).validate(experiment);
        if (!problems.isEmpty()) throw new InvalidExperimentException(problems);
    }

    /** Runs a prepared experiment to its end; interruptions and deadlines come through {@code control}. */
    public Journal run(Prepared prepared, RunSettings settings, RunListener listener, RunControl control,
                       String runId) {
        Map<String, Object> lookup = Substitution.lookup(prepared.configuration(), prepared.secrets());
        Journal journal = new Journal(runId, journalExperiment(prepared, settings, lookup), options.clock().instant());
        journal.warnings(prepared.warnings());
        journal.configuration(prepared.configuration());
        control.deadline(settings.deadline(), settings.reserve(), options.clock());
        try (FunctionCatalog catalog = catalog(prepared.configuration(), prepared.experiment(), prepared.env())) {
            RunContext context = new RunContext(prepared.experiment(), journal,
                    executor(prepared, settings, lookup, catalog, control.main()),
                    executor(prepared, settings, lookup, catalog, control.rollbacks()),
                    lookup, settings, listener, control, options.clock(),
                    safeguards(prepared, settings, lookup, catalog));
            return new Runner(context).run();
        } finally {
            control.close();
        }
    }

    /**
     * The run's kill switch (the deployment's and the experiment's) and the namespaces it locks: none when a
     * dry run skips its actions, since they change nothing then.
     */
    private Safeguards safeguards(Prepared prepared, RunSettings settings, Map<String, Object> lookup,
                                  FunctionCatalog catalog) {
        KillSwitch killSwitch = KillSwitches.of(prepared.env(),
                Activities.map(prepared.experiment().get("runtime")), options.s3());
        boolean actsForReal = settings.dry() == null || !settings.dry().skips("action");
        Set<String> namespaces = actsForReal ? Targets.namespaces(prepared.experiment(), lookup, catalog) : Set.of();
        return new Safeguards(killSwitch, options.targetLock(), namespaces, settings.deadline());
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

    private ActivityExecutor executor(Prepared prepared, RunSettings settings, Map<String, Object> lookup,
                                      FunctionCatalog catalog, CancelToken cancel) {
        ActivityScope scope = new ActivityScope(prepared.configuration(), prepared.secrets(), lookup,
                Activities.referable(prepared.experiment()), catalog, settings.dry(), cancel,
                Activities.map(prepared.experiment().get("runtime")));
        return new ActivityExecutor(providers, scope, options.clock());
    }

    private FunctionCatalog catalog(Map<String, Object> configuration, Map<String, Object> experiment,
                                    Map<String, String> env) {
        Map<String, Object> runtime = Activities.map(experiment.get("runtime"));
        return new FunctionCatalog(options.libraries().stream()
                .map((FunctionLibraryFactory f) -> f.create(configuration, env, runtime)).toList());
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
