package dev.chaosaction.cli;

import dev.chaosaction.activity.FunctionLibraryFactory;
import dev.chaosaction.addons.SafeguardsControl;
import dev.chaosaction.aws.cloudwatch.CloudWatchAlarms;
import dev.chaosaction.aws.cloudwatch.CloudWatchClients;
import dev.chaosaction.aws.eks.Eks;
import dev.chaosaction.aws.s3.S3Clients;
import dev.chaosaction.aws.s3.S3KillSwitch;
import dev.chaosaction.aws.cloudwatch.CloudWatch;
import dev.chaosaction.aws.cloudwatch.CredentialScope;
import dev.chaosaction.config.Overrides;
import dev.chaosaction.config.Vars;
import dev.chaosaction.control.ControlLibrary;
import dev.chaosaction.experiment.Activities;
import dev.chaosaction.experiment.ExperimentLoader;
import dev.chaosaction.experiment.ExperimentUrls;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.kubernetes.Kubernetes;
import dev.chaosaction.policy.TrustPolicy;
import dev.chaosaction.prometheus.Prometheus;
import dev.chaosaction.run.Engine;
import dev.chaosaction.run.EngineOptions;
import dev.chaosaction.run.Prepared;
import dev.chaosaction.servicelevels.ServiceLevels;
import dev.chaosaction.validation.ValidationContext;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The steps {@code run}, {@code validate} and the GitHub Action share: read variables, load, validate, resolve.
 */
public record Invocation(Engine engine, Prepared prepared) {

    /** {@code source} is a file or, as in Chaos Toolkit, an {@code http(s)://} URL. */
    static Invocation prepare(Chaos chaos, String source, List<String> vars, List<Path> varFiles, boolean validate,
                              Map<String, String> extraEnv) throws UsageError, InvalidExperimentException {
        Overrides overrides = overrides(chaos, vars, varFiles);
        Map<String, Object> settings;
        try {
            settings = chaos.settings();
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        Map<String, Object> document = ExperimentUrls.isUrl(source)
                ? ExperimentUrls.of(settings, System.getenv()).load(source)
                : ExperimentLoader.load(chaos.resolve(Path.of(source)));
        // The command line's user is the operator: every provider, Chaos Toolkit's reach.
        Engine engine = engine(extraEnv, ValidationContext.ALL_PROVIDERS, TrustPolicy.OPEN);
        // The settings file's controls are global controls, applied to every experiment.
        return new Invocation(engine, engine.prepare(document, overrides, validate,
                Activities.map(settings.get("controls"))));
    }

    /**
     * Loads {@code source} and prepares it with overrides already read; {@code extraEnv} is layered over the
     * process environment for the engine (the action's cluster inputs). The experiment uses only
     * {@code providers} and what {@code policy} allows (the action's author is not its operator).
     */
    public static Invocation prepare(Path source, Overrides overrides, boolean validate, Map<String, String> extraEnv,
                                     Set<String> providers, TrustPolicy policy) throws InvalidExperimentException {
        Map<String, Object> document = ExperimentLoader.load(source);
        Engine engine = engine(extraEnv, providers, policy);
        return new Invocation(engine, engine.prepare(document, overrides, validate));
    }

    /**
     * The engine over the process environment plus {@code extraEnv}. Kill switches ({@code CHAOS_KILL_SWITCH},
     * {@code runtime.kill_switch}) and stop alarms ({@code CHAOS_STOP_ALARMS}, {@code runtime.stop_conditions}) are
     * read with clients made from that environment; the safeguards control is served. No target locks: a
     * command-line run has no storage shared with other runners (the Lambda function's are in its bucket).
     */
    static Engine engine(Map<String, String> extraEnv, Set<String> providers, TrustPolicy policy) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(extraEnv);
        return new Engine(EngineOptions.of(env, libraries(policy))
                .withAllowedProviders(providers).withPolicy(policy)
                .withControls(new ControlLibrary(List.of(new SafeguardsControl())))
                .withKillSwitches(S3KillSwitch.source(() -> S3Clients.fromEnv(env)))
                .withAlarms(CloudWatchAlarms.source(() -> CloudWatchClients.fromEnv(env))));
    }

    /**
     * The native functions: chaosk8s's (EKS through EKS_CLUSTER_NAME), chaosprometheus's, the service-level probe
     * (both under the policy's egress), and chaosaws's CloudWatch probes, whose experiment may name the operator's
     * AWS profiles and roles only where it may read the operator's whole environment (the command line, not the
     * Action).
     */
    static List<FunctionLibraryFactory> libraries(TrustPolicy policy) {
        return List.of(Kubernetes.libraryFactory(Eks.clusters()), Prometheus.libraryFactory(),
                ServiceLevels.libraryFactory(), CloudWatch.libraryFactory(
                        policy.env().isOpen() ? CredentialScope.OPERATOR : CredentialScope.DEPLOYMENT));
    }

    /** Warnings are printed even with {@code --quiet}: each one is about a verdict that could mislead. */
    static void printWarnings(PrintStream err, Prepared prepared) {
        for (String warning : prepared.warnings()) err.println("warning: " + prepared.redactor().redact(warning));
    }

    static void printProblems(PrintStream err, InvalidExperimentException e) {
        int n = e.problems().size();
        err.println("The experiment is not valid (" + n + (n == 1 ? " problem" : " problems") + "):");
        for (Problem p : e.problems()) err.println("  " + p);
    }

    private static Overrides overrides(Chaos chaos, List<String> vars, List<Path> varFiles) throws UsageError {
        try {
            return Vars.load(varFiles.stream().map(chaos::resolve).toList(), vars);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
