package dev.chaosaction.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.chaosaction.activity.FunctionLibraryFactory;
import dev.chaosaction.aws.cloudwatch.CloudWatch;
import dev.chaosaction.aws.cloudwatch.CredentialScope;
import dev.chaosaction.addons.SafeguardsControl;
import dev.chaosaction.aws.cloudwatch.CloudWatchAlarms;
import dev.chaosaction.aws.cloudwatch.CloudWatchClients;
import dev.chaosaction.aws.eks.Eks;
import dev.chaosaction.aws.s3.S3JournalStore;
import dev.chaosaction.aws.s3.S3KillSwitch;
import dev.chaosaction.aws.s3.S3TargetLock;
import dev.chaosaction.config.Overrides;
import dev.chaosaction.control.ControlLibrary;
import dev.chaosaction.experiment.Activities;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.kubernetes.Kubernetes;
import dev.chaosaction.prometheus.Prometheus;
import dev.chaosaction.report.HtmlRenderer;
import dev.chaosaction.report.JournalReport;
import dev.chaosaction.run.Engine;
import dev.chaosaction.run.EngineOptions;
import dev.chaosaction.run.Prepared;
import dev.chaosaction.run.RunControl;
import dev.chaosaction.run.RunSettings;
import dev.chaosaction.safety.StopAlarms;
import dev.chaosaction.servicelevels.ServiceLevels;
import dev.chaosaction.safety.TargetLock;
import dev.chaosaction.value.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One invocation, start to end: read the payload, validate and prepare the experiment (bad input is answered
 * {@code invalid}, nothing runs), take the run's lock (a duplicate delivery gets the first run's result), run
 * against a deadline from the Lambda context, store the journal (in the log if storing fails), log a metrics
 * record, leave the result in the lock.
 */
public final class ChaosFunction {
    /** Lambda's longest timeout: no run of the function lasts longer, so no lock of one needs to. */
    static final Duration LONGEST_INVOCATION = Duration.ofMinutes(15);
    /** A logger that keeps nothing: the priming run's lines are made, not logged. */
    private static final LambdaLogger DROPPED = new LambdaLogger() {
        @Override
        public void log(String message) {}

        @Override
        public void log(byte[] message) {}
    };

    private final Engine engine;
    private final Experiments experiments;
    private final Supplier<Storage> storage;
    private final FunctionConfig config;
    private final Clock clock = Clock.systemUTC();

    /**
     * @param libraries native function libraries for python providers
     * @param s3        the S3 client, asked for only when an invocation needs it
     */
    public ChaosFunction(FunctionConfig config, List<FunctionLibraryFactory> libraries, Supplier<S3Client> s3) {
        this(config, libraries, s3, () -> CloudWatchClients.fromEnv(config.env()));
    }

    /** @param cloudWatch the CloudWatch client stop alarms are read with, asked for only when a run has some */
    public ChaosFunction(FunctionConfig config, List<FunctionLibraryFactory> libraries, Supplier<S3Client> s3,
                         Supplier<CloudWatchClient> cloudWatch) {
        this.config = config;
        this.engine = new Engine(EngineOptions.of(config.env(), libraries)
                .withAllowedProviders(config.allowedProviders())
                .withPolicy(config.policy())
                .withControls(new ControlLibrary(List.of(new SafeguardsControl())))
                .withKillSwitches(S3KillSwitch.source(s3))
                .withAlarms(CloudWatchAlarms.source(cloudWatch))
                .withTargetLock(targetLock(config, s3)));
        this.experiments = new Experiments(s3, config.experimentsPrefix(), ExperimentUrlClient.of(config.env(), config.policy().egress()));
        this.storage = new Lazy<>(() -> config.journalDir() != null ? new DirectoryStorage(config.journalDir())
                : S3Storage.of(s3.get(), config.bucket(), config.prefix()));
    }

    /** The function as Lambda runs it: settings from the environment, the S3 client built at first use. */
    public static ChaosFunction fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, false);
    }

    /** As {@link #fromEnvironment(Map)}; {@code local} is the {@code serve} command (loopback reachable). */
    public static ChaosFunction fromEnvironment(Map<String, String> env, boolean local) {
        FunctionConfig config = FunctionConfig.fromEnv(env, local);
        return new ChaosFunction(config, libraries(),
                new Lazy<>(() -> config.s3(DefaultCredentialsProvider.builder().build()).build()));
    }

    /**
     * Namespace locks live in the journal bucket, so that every invocation of the function sees them; a lock
     * outlives no invocation ({@link #LONGEST_INVOCATION}). The local directory set-up has none.
     */
    private TargetLock targetLock(FunctionConfig config, Supplier<S3Client> s3) {
        return config.journalDir() != null ? TargetLock.NONE
                : new S3TargetLock(s3, config.bucket(), config.prefix(), config.cluster(), LONGEST_INVOCATION, clock);
    }

    /**
     * The native functions a Lambda run offers: the Kubernetes extension's (EKS through EKS_CLUSTER_NAME), the
     * Prometheus probes and the service-level probe (whose servers the egress policy must allow), and chaosaws's CloudWatch probes, called with
     * the function's role (or the experiment's own keys), never with another profile or a role assumed with the
     * function's credentials: the experiment's author is not the operator.
     */
    static List<FunctionLibraryFactory> libraries() {
        return List.of(Kubernetes.libraryFactory(Eks.clusters()), Prometheus.libraryFactory(),
                ServiceLevels.libraryFactory(), CloudWatch.libraryFactory(CredentialScope.DEPLOYMENT));
    }

    /**
     * Handles one payload. Bad input is answered, never raised; only an infrastructure failure before the run
     * starts (the lock cannot be taken, S3 cannot be reached for the experiment) is raised.
     */
    public Map<String, Object> invoke(byte[] payload, Context context) {
        JsonLog log = new JsonLog(context.getLogger());
        Ready ready;
        try {
            ready = ready(payload);
        } catch (InvalidExperimentException e) {
            log.warn("invalid", Map.of("requestId", context.getAwsRequestId(),
                    "errors", e.problems().stream().map(Problem::toString).toList()));
            return Responses.invalid(e.problems());
        }
        String runId = ready.request().runId(context.getAwsRequestId());
        JsonLog runLog = log.forRun(runId, ready.prepared().redactor());
        List<String> warnings = ready.prepared().warnings();
        if (!warnings.isEmpty()) runLog.warn("warnings", Map.of("warnings", warnings));
        Optional<Map<String, Object>> first = claim(runId, runLog);
        if (first.isPresent()) {
            runLog.info("duplicate", Map.of("first", first.get()));
            return first.get();
        }
        return run(ready, runId, runLog, context);
    }

    /** The run itself, once this invocation holds its lock: it always ends with a result and a journal. */
    private Map<String, Object> run(Ready ready, String runId, JsonLog runLog, Context context) {
        RunSettings settings = Budget.of(clock.instant(), Duration.ofMillis(context.getRemainingTimeInMillis()))
                .apply(ready.settings());
        Journal journal = engine.run(ready.prepared(), settings, new LogListener(runLog), new RunControl(), runId);
        Map<String, Object> document = Engine.document(ready.prepared(), journal);
        Map<String, Object> result = store(journal, document, runLog, context);
        runLog.raw(Metrics.record(journal, S3JournalStore.slug(title(document)), settings.dry(), clock.instant()));
        complete(runId, result, runLog);
        return result;
    }

    /**
     * Walks an invocation's path with {@code payload}, a dry run, short of the run lock and the journal write
     * ({@link Priming}): the payload is read, validated and prepared, the run journaled and serialized, the log
     * and metrics lines made (and dropped), and the storage built (its S3 client calls nothing until used).
     * A deployment that refuses one of the sample's provider types ({@link Priming#SAMPLE_PROVIDERS}) would
     * refuse the sample, and a hook that throws fails the snapshot (SnapStart could not publish the version):
     * there only the clients are primed. The dry run stops short of the Kubernetes client, so where Python
     * providers are allowed the Kubernetes path is walked on its own, against answers made in the process
     * ({@link Kubernetes#prime}): no cluster is contacted before the snapshot.
     */
    void prime(byte[] payload) {
        if (config.allowedProviders().containsAll(Priming.SAMPLE_PROVIDERS)) dryRun(payload);
        if (config.allowedProviders().contains("python")) Kubernetes.prime();
        engine.primeHttpClient();
        storage.get();
        if (config.journalDir() == null) S3Priming.prime(config);
    }

    private void dryRun(byte[] payload) {
        Ready ready;
        try {
            ready = ready(payload);
        } catch (InvalidExperimentException e) {
            throw new IllegalStateException("the priming payload is invalid: " + e.problems());
        }
        String runId = ready.request().runId("priming");
        JsonLog log = new JsonLog(DROPPED).forRun(runId, ready.prepared().redactor());
        Journal journal = engine.run(ready.prepared(), ready.settings(), new LogListener(log), new RunControl(), runId);
        Map<String, Object> document = Engine.document(ready.prepared(), journal);
        log.raw(Metrics.record(journal, S3JournalStore.slug(title(document)), ready.settings().dry(), clock.instant()));
        log.info("primed", Map.of("journal_bytes", Json.pretty(document).length()));
    }

    record Ready(Request request, Prepared prepared, RunSettings settings) {}

    /**
     * Everything checked and resolved; problems in the experiment get paths into the payload. Nothing has been
     * claimed or run yet, which is why the payload fuzz test drives this stage on its own.
     */
    Ready ready(byte[] payload) throws InvalidExperimentException {
        Request request = Payloads.parse(payload);
        try {
            Map<String, Object> experiment = StopAlarms.adding(experiments.load(request), request.stopAlarms());
            List<Problem> cluster = ClusterSettings.named(Activities.map(experiment.get("configuration")),
                    "/configuration");
            if (!cluster.isEmpty()) throw new InvalidExperimentException(cluster);
            Prepared prepared = engine.prepare(experiment,
                    new Overrides(request.configuration(), Map.of(), Map.of()), true);
            return new Ready(request, prepared, request.settings().resolve(prepared.experiment()));
        } catch (InvalidExperimentException e) {
            throw new InvalidExperimentException(e.problems().stream()
                    .map(p -> new Problem(request.at() + p.path(), p.message()))
                    .toList());
        }
    }

    private Optional<Map<String, Object>> claim(String runId, JsonLog log) {
        try {
            return storage.get().claim(runId, Responses.running(runId));
        } catch (IOException e) {
            log.error("lock_failed", Map.of("error", String.valueOf(e.getMessage())));
            throw new UncheckedIOException("the run lock could not be taken, nothing ran", e);
        }
    }

    /**
     * Stores the journal, then its HTML report beside it; when the journal cannot be stored (after the client's
     * retries) the whole journal goes to the log.
     */
    private Map<String, Object> store(Journal journal, Map<String, Object> document, JsonLog log, Context context) {
        try {
            Map<String, Object> response = Responses.result(journal, document,
                    storage.get().journals().store(journal.runId(), document));
            report(journal.runId(), document, log).ifPresent(where -> response.put("report", where));
            return response;
        } catch (IOException | RuntimeException e) {
            String error = String.valueOf(e.getMessage());
            log.error("journal_fallback", Map.of("error", error, "journal_fallback", document));
            return Responses.loggedJournal(journal, document, "log:" + context.getLogGroupName() + "/"
                    + context.getLogStreamName(), error);
        }
    }

    /** The page is for people; the journal is the record: a report that cannot be stored is worth a warning. */
    private Optional<String> report(String runId, Map<String, Object> document, JsonLog log) {
        try {
            return Optional.of(storage.get().report(runId, document, HtmlRenderer.render(JournalReport.of(document))));
        } catch (IOException | RuntimeException e) {
            log.warn("report_not_stored", Map.of("error", String.valueOf(e.getMessage())));
            return Optional.empty();
        }
    }

    /** A lock left without its result only makes duplicates answer {@code running}: worth a warning, no more. */
    private void complete(String runId, Map<String, Object> result, JsonLog log) {
        try {
            storage.get().complete(runId, result);
        } catch (IOException | RuntimeException e) {
            log.warn("lock_not_completed", Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private static String title(Map<String, Object> document) {
        return document.get("experiment") instanceof Map<?, ?> experiment
                && experiment.get("title") instanceof String title ? title : "";
    }
}
