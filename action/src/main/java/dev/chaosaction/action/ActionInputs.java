package dev.chaosaction.action;

import dev.chaosaction.cli.FailOn;
import dev.chaosaction.config.Overrides;
import dev.chaosaction.config.Vars;
import dev.chaosaction.experiment.Dry;
import dev.chaosaction.experiment.HypothesisStrategy;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.experiment.RollbackStrategy;
import java.io.IOException;
import dev.chaosaction.policy.EgressPolicy;
import dev.chaosaction.policy.EnvPolicy;
import dev.chaosaction.policy.FunctionPolicy;
import dev.chaosaction.policy.TrustPolicy;
import dev.chaosaction.safety.StopAlarms;
import dev.chaosaction.validation.ValidationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The inputs of one action run, read and checked before anything runs. Paths are resolved against
 * {@code GITHUB_WORKSPACE}, where the runner mounts the checked-out repository, and must stay inside it, symbolic
 * links resolved: a checked-out link or a {@code ../} would otherwise read the runner's files (the var file is
 * parsed and echoed in errors) or write the journal over them.
 *
 * @param workspace          the workspace directory
 * @param experiment         the experiment file
 * @param overrides          {@code var-file} then {@code vars} (a var wins over the file, as with {@code chaos run})
 * @param dry                the dry mode, or null
 * @param rollbackStrategy   the rollback strategy named, or null for the experiment's own or the default
 * @param hypothesisStrategy the hypothesis strategy named, or null
 * @param journalPath        where the journal is written
 * @param journalS3          where the journal is uploaded, or null
 * @param clusterName        the EKS cluster, or null
 * @param awsRegion          its region, or null
 * @param kubeconfig         a kubeconfig file, or null
 * @param failOn             which verdicts fail the step ({@code fail-on}; {@code fail-on-deviation: false} forgives
 *                           a deviation)
 * @param allowedProviders   the provider types the experiment may use ({@code allowed-providers})
 * @param policy             what the experiment may read, reach and call: its author is not the operator
 *                           ({@code allowed-env}, {@code egress-allow}, {@code egress-redirects},
 *                           {@code allowed-functions})
 * @param stopAlarms         CloudWatch alarm ARNs that stop the run, with the environment's {@code CHAOS_STOP_ALARMS}
 */
public record ActionInputs(Path workspace, Path experiment, Overrides overrides, Dry dry, String rollbackStrategy,
                           String hypothesisStrategy, Path journalPath, S3Target journalS3, String clusterName,
                           String awsRegion, Path kubeconfig, FailOn failOn, Set<String> allowedProviders,
                           TrustPolicy policy, List<String> stopAlarms) {

    /** Every mistake in the inputs, each as a {@link Problem} whose path is the input's name. */
    public static final class Invalid extends Exception {
        private final List<Problem> problems;

        Invalid(List<Problem> problems) {
            super(problems.getFirst().toString(), null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /** Reads the inputs the runner passed in {@code env}; reports all mistakes at once. */
    public static ActionInputs read(Map<String, String> env) throws Invalid {
        Path workspace = Path.of(env.getOrDefault("GITHUB_WORKSPACE", "")).toAbsolutePath().normalize();
        Reader in = new Reader(env, workspace);
        Path experiment = in.existingFile(Input.EXPERIMENT, true);
        Path varFile = in.existingFile(Input.VAR_FILE, false);
        Overrides overrides = in.overrides(varFile);
        Dry dry = in.parsed(Input.DRY, Dry::parse);
        in.parsed(Input.ROLLBACK_STRATEGY, RollbackStrategy::parse);
        in.parsed(Input.HYPOTHESIS_STRATEGY, HypothesisStrategy::parse);
        Path journal = in.journalPath();
        S3Target s3 = in.parsed(Input.JOURNAL_S3_URI, S3Target::parse);
        Path kubeconfig = in.existingFile(Input.KUBECONFIG, false);
        String cluster = in.optional(Input.CLUSTER_NAME);
        if (kubeconfig != null && cluster != null) {
            in.problem(Input.KUBECONFIG, "give either kubeconfig or cluster-name, not both: they name two clusters");
        }
        FailOn failOn = in.parsed(Input.FAIL_ON, FailOn::parse);
        if (!in.bool(Input.FAIL_ON_DEVIATION) && failOn != null) failOn = failOn.forgivingDeviation();
        Set<String> providers = in.providers();
        TrustPolicy policy = in.policy();
        List<String> stopAlarms = in.alarms(Input.STOP_ALARMS);
        if (!in.problems.isEmpty()) throw new Invalid(in.problems);
        return new ActionInputs(workspace, experiment, overrides, dry, in.optional(Input.ROLLBACK_STRATEGY),
                in.optional(Input.HYPOTHESIS_STRATEGY), journal, s3, cluster, in.optional(Input.AWS_REGION),
                kubeconfig, failOn, providers, policy, stopAlarms);
    }

    /** What the engine sees on top of the process environment: the cluster to connect to. */
    public Map<String, String> engineEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        if (clusterName != null) env.put("EKS_CLUSTER_NAME", clusterName);
        if (awsRegion != null) env.put("AWS_REGION", awsRegion);
        if (kubeconfig != null) env.put("KUBECONFIG", kubeconfig.toString());
        if (!stopAlarms.isEmpty()) env.put(StopAlarms.ENV, String.join(",", stopAlarms));
        return env;
    }

    /** A path as the workflow sees it: relative to the workspace when inside it (the runner's host path differs). */
    public String forWorkflow(Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        return normalized.startsWith(workspace) ? workspace.relativize(normalized).toString() : normalized.toString();
    }

    /** Reads one input at a time and collects the problems. */
    private static final class Reader {
        private final Map<String, String> env;
        private final Path workspace;
        private final List<Problem> problems = new ArrayList<>();

        Reader(Map<String, String> env, Path workspace) {
            this.env = env;
            this.workspace = workspace;
        }

        void problem(Input input, String message) {
            problems.add(new Problem(input.id(), message));
        }

        /**
         * ARNs separated by commas or new lines, after the environment's own {@code CHAOS_STOP_ALARMS}: the input
         * adds alarms to what the runner's environment sets, it never drops one.
         */
        List<String> alarms(Input input) {
            List<String> all = new ArrayList<>();
            for (String arn : env.getOrDefault(StopAlarms.ENV, "").strip().split("[,\\s]+")) {
                if (!arn.isEmpty()) all.add(arn);
            }
            for (String arn : input.value(env).split("[,\\s]+")) {
                if (arn.isEmpty()) continue;
                if (!StopAlarms.isAlarmArn(arn)) {
                    problem(input, "'" + arn + "' is not a CloudWatch alarm ARN (arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME)");
                }
                all.add(arn);
            }
            return List.copyOf(all);
        }

        String optional(Input input) {
            String value = input.value(env);
            return value.isEmpty() ? null : value;
        }

        Path existingFile(Input input, boolean required) {
            String value = optional(input);
            if (value == null) {
                if (required) problem(input, "is required: the path of the file, relative to the workspace");
                return null;
            }
            Path file = workspace.resolve(value).normalize();
            if (!inWorkspace(input, value, file)) return null;
            if (!Files.isRegularFile(file)) {
                problem(input, "no file at '" + value + "' in the workspace (did the job check out the repository?)");
            }
            return file;
        }

        /** Each non-blank line of {@code vars} is a {@code name[:type]=value}; lines starting with # are comments. */
        Overrides overrides(Path varFile) {
            Overrides result = Overrides.NONE;
            if (varFile != null && Files.isRegularFile(varFile)) {
                try {
                    result = Vars.load(List.of(varFile), List.of());
                } catch (IllegalArgumentException e) {
                    problem(Input.VAR_FILE, e.getMessage());
                }
            }
            List<String> lines = Input.VARS.raw(env).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                try {
                    result = result.then(Vars.fromVars(List.of(line)));
                } catch (IllegalArgumentException e) {
                    problem(Input.VARS, "line " + (i + 1) + ": " + e.getMessage());
                }
            }
            return result;
        }

        <T> T parsed(Input input, Function<String, T> parser) {
            String value = optional(input);
            if (value == null) return null;
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException e) {
                problem(input, e.getMessage());
                return null;
            }
        }

        /**
         * False, with a problem, when {@code file} or what its nearest existing ancestor links to is outside the
         * workspace.
         */
        boolean inWorkspace(Input input, String value, Path file) {
            boolean inside = file.startsWith(workspace);
            try {
                Path existing = file;
                while (existing != null && !Files.exists(existing)) existing = existing.getParent();
                if (inside && existing != null && Files.exists(workspace)) {
                    inside = existing.toRealPath().startsWith(workspace.toRealPath());
                }
            } catch (IOException e) {
                inside = false;
            }
            if (!inside) {
                problem(input, "'" + value + "' is outside the workspace (after following links): the action "
                        + "reads and writes files of the checked-out repository only");
            }
            return inside;
        }

        Path journalPath() {
            String value = Input.JOURNAL_PATH.value(env);
            Path path = workspace.resolve(value).normalize();
            if (!inWorkspace(Input.JOURNAL_PATH, value, path)) return path;
            if (Files.isDirectory(path)) problem(Input.JOURNAL_PATH, "'" + path + "' is a directory, not a file name");
            return path;
        }

        /** {@code allowed-providers}: a comma list of http, process and python. */
        Set<String> providers() {
            return parsed(Input.ALLOWED_PROVIDERS, ValidationContext::providers);
        }

        /** The pull request's author is not the workflow's: the deployment's inputs bound the experiment. */
        TrustPolicy policy() {
            boolean crossOrigin = Boolean.TRUE.equals(parsed(Input.EGRESS_REDIRECTS, EgressPolicy::crossOrigin));
            EgressPolicy egress = EgressPolicy.OPEN; // only if the input is invalid: then nothing runs
            try {
                egress = EgressPolicy.deployed(Input.EGRESS_ALLOW.value(env), null, false, crossOrigin,
                        Input.EGRESS_ALLOW.id());
            } catch (IllegalArgumentException e) {
                problem(Input.EGRESS_ALLOW, e.getMessage());
            }
            return new TrustPolicy(EnvPolicy.allowing(Input.ALLOWED_ENV.value(env), Input.ALLOWED_ENV.id()), egress,
                    FunctionPolicy.allowing(Input.ALLOWED_FUNCTIONS.value(env), Input.ALLOWED_FUNCTIONS.id()));
        }

        boolean bool(Input input) {
            String value = input.value(env).toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                problem(input, "expected true or false, got '" + input.value(env) + "'");
            }
            return !value.equals("false");
        }
    }
}
