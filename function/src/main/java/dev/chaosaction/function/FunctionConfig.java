package dev.chaosaction.function;

import dev.chaosaction.aws.s3.S3Clients;
import dev.chaosaction.journal.S3Location;
import dev.chaosaction.policy.EgressPolicy;
import dev.chaosaction.policy.EnvPolicy;
import dev.chaosaction.policy.FunctionPolicy;
import dev.chaosaction.policy.TrustPolicy;
import dev.chaosaction.safety.Guardrails;
import dev.chaosaction.safety.KillSwitches;
import dev.chaosaction.safety.StopAlarms;
import dev.chaosaction.validation.ValidationContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The function's settings, all from environment variables. Every variable the function (or the engine on its
 * behalf) reads is named here, so that a test can check that {@code template.yaml} sets no other.
 *
 * @param bucket           the journal bucket, or null when journals go to {@code journalDir}
 * @param prefix           the key prefix of journals and run locks, ending with {@code /} unless empty
 * @param journalDir       a local directory for journals and run locks (the local invoke server), or null
 * @param s3Endpoint       an S3-compatible endpoint addressed path-style (local use, tests), or null for AWS
 * @param region           the AWS region of the S3 client
 * @param allowedProviders the provider types experiments may use
 * @param env              the whole environment: the engine's (experiments read only what {@code policy} allows)
 * @param policy           what experiments may read, reach and call ({@link #policy(Map, boolean)})
 */
public record FunctionConfig(String bucket, String prefix, Path journalDir, URI s3Endpoint, String region,
                             Set<String> allowedProviders, Map<String, String> env, TrustPolicy policy) {
    public static final String JOURNAL_BUCKET = "JOURNAL_BUCKET";
    public static final String JOURNAL_PREFIX = "JOURNAL_PREFIX";
    public static final String JOURNAL_DIR = "CHAOS_JOURNAL_DIR";
    public static final String S3_ENDPOINT = S3Clients.ENDPOINT;
    public static final String ALLOWED_PROVIDERS = "CHAOS_ALLOWED_PROVIDERS";
    /** Set by Lambda itself. */
    public static final String REGION = "AWS_REGION";
    /** Read by the engine's cluster connector (it reaches the environment through {@link #env}). */
    public static final String EKS_CLUSTER_NAME = "EKS_CLUSTER_NAME";
    /**
     * The {@code s3://bucket/prefix} under which {@code s3://} experiments must be (the template's
     * {@code ExperimentsPrefix}); unset, any object the role can read.
     */
    public static final String EXPERIMENTS_PREFIX = "CHAOS_EXPERIMENTS_PREFIX";
    /** Read by the engine: the {@code s3://bucket/key} whose presence stops runs. */
    public static final String KILL_SWITCH = KillSwitches.ENV;
    /** Comma list of variable names and {@code PREFIX*} prefixes experiments may read (never the runtime's). */
    public static final String ALLOWED_ENV = "CHAOS_ALLOWED_ENV";
    /** Comma list of hosts, addresses and CIDR ranges HTTP may reach; empty: any not refused by default. */
    public static final String EGRESS_ALLOW = "CHAOS_EGRESS_ALLOW";
    /** {@code cross-origin} lets redirects leave the request's origin (headers dropped); default same-origin. */
    public static final String EGRESS_REDIRECTS = "CHAOS_EGRESS_REDIRECTS";
    /** Comma list of sensitive functions (exec_in_pods, read_pod_logs) experiments may call. */
    public static final String ALLOWED_FUNCTIONS = "CHAOS_ALLOWED_FUNCTIONS";
    /** Set by Lambda: the Runtime API's host:port, which experiments never reach. */
    public static final String RUNTIME_API = "AWS_LAMBDA_RUNTIME_API";

    /** Read by the engine: CloudWatch alarm ARNs that stop a run when one enters ALARM. */
    public static final String STOP_ALARMS = StopAlarms.ENV;

    /** Read by the engine: {@code skip} plays no rollback once the kill switch is engaged (default {@code play}). */
    public static final String KILL_SWITCH_ROLLBACKS = KillSwitches.ROLLBACKS_ENV;

    public static final Set<String> NAMES = Set.of(JOURNAL_BUCKET, JOURNAL_PREFIX, JOURNAL_DIR, S3_ENDPOINT,
            ALLOWED_PROVIDERS, REGION, EKS_CLUSTER_NAME, KILL_SWITCH, KILL_SWITCH_ROLLBACKS, STOP_ALARMS,
            EXPERIMENTS_PREFIX, ALLOWED_ENV, EGRESS_ALLOW, EGRESS_REDIRECTS, ALLOWED_FUNCTIONS, Guardrails.ENV_ALLOWED,
            Guardrails.ENV_DENIED, Guardrails.ENV_MAX_PODS);

    static final String DEFAULT_PREFIX = "journals/";
    /** No {@code process} provider in Lambda unless allowed: it would run whatever the payload names. */
    static final String DEFAULT_PROVIDERS = "http,python";
    static final String DEFAULT_REGION = "us-east-1";

    /**
     * Reads the settings.
     *
     * @throws IllegalStateException when the function is set up wrongly (no journal bucket nor directory, an
     *                               unknown provider type): it cannot run anything safely
     */
    public static FunctionConfig fromEnv(Map<String, String> env) {
        return fromEnv(env, false);
    }

    /**
     * Reads the settings; {@code local} is the {@code serve} command on one's own machine, where experiments may
     * reach loopback without {@value #EGRESS_ALLOW} naming it.
     */
    public static FunctionConfig fromEnv(Map<String, String> env, boolean local) {
        String bucket = blankToNull(env.get(JOURNAL_BUCKET));
        String dir = blankToNull(env.get(JOURNAL_DIR));
        if (bucket == null && dir == null) {
            throw new IllegalStateException(JOURNAL_BUCKET + " is not set (or " + JOURNAL_DIR + " for local use)");
        }
        String endpoint = blankToNull(env.get(S3_ENDPOINT));
        String region = blankToNull(env.get(REGION));
        killSwitchOutsideJournals(blankToNull(env.get(KILL_SWITCH)), bucket, prefix(env.get(JOURNAL_PREFIX)));
        return new FunctionConfig(bucket, prefix(env.get(JOURNAL_PREFIX)), dir == null ? null : Path.of(dir),
                endpoint == null ? null : URI.create(endpoint), region == null ? DEFAULT_REGION : region,
                providers(env.getOrDefault(ALLOWED_PROVIDERS, DEFAULT_PROVIDERS)), Map.copyOf(env), policy(env, local));
    }

    /**
     * The experiment author is not the operator here: experiments read only {@value #ALLOWED_ENV}, reach only what
     * {@value #EGRESS_ALLOW} allows (never the Runtime API, metadata or, unless local, loopback) and call sensitive
     * functions only when {@value #ALLOWED_FUNCTIONS} names them.
     */
    static TrustPolicy policy(Map<String, String> env, boolean local) {
        boolean crossOrigin;
        try {
            crossOrigin = EgressPolicy.crossOrigin(env.getOrDefault(EGRESS_REDIRECTS, "same-origin"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(EGRESS_REDIRECTS + ": " + e.getMessage());
        }
        try {
            return new TrustPolicy(EnvPolicy.allowing(env.get(ALLOWED_ENV), ALLOWED_ENV),
                    EgressPolicy.deployed(env.get(EGRESS_ALLOW), env.get(RUNTIME_API), local, crossOrigin,
                            EGRESS_ALLOW),
                    FunctionPolicy.allowing(env.get(ALLOWED_FUNCTIONS), ALLOWED_FUNCTIONS));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    /** The cluster runs act on, which names their namespace locks: {@value #EKS_CLUSTER_NAME}, else {@code default}. */
    public String cluster() {
        String name = blankToNull(env.get(EKS_CLUSTER_NAME));
        return name == null ? "default" : name;
    }

    /** {@value #EXPERIMENTS_PREFIX} parsed, or null when unset. */
    S3Location experimentsPrefix() {
        String value = blankToNull(env.get(EXPERIMENTS_PREFIX));
        if (value == null) return null;
        try {
            return S3Location.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(EXPERIMENTS_PREFIX + ": " + e.getMessage());
        }
    }

    /** The S3 client of the function's region and endpoint. */
    public S3ClientBuilder s3(AwsCredentialsProvider credentials) {
        return S3Clients.builder(region, s3Endpoint, credentials);
    }

    /**
     * Journals expire (the template's lifecycle rule covers the journal prefix), and so would a kill switch kept
     * among them: chaos would resume by itself one day. Refused at start-up, so the deployment fails loudly.
     */
    private static void killSwitchOutsideJournals(String killSwitch, String bucket, String prefix) {
        if (killSwitch == null || bucket == null || !killSwitch.startsWith("s3://")) return;
        S3Location location;
        try {
            location = S3Location.parse(killSwitch);
        } catch (IllegalArgumentException e) {
            return; // a malformed switch stops every run already (KillSwitches)
        }
        if (location.bucket().equals(bucket) && location.key().startsWith(prefix)) {
            throw new IllegalStateException(KILL_SWITCH + " " + killSwitch + " is under " + JOURNAL_PREFIX + " '"
                    + prefix + "', whose objects expire: keep the kill switch outside the journal prefix");
        }
    }

    private static String prefix(String value) {
        if (value == null) return DEFAULT_PREFIX;
        String p = value.strip().replaceAll("^/+", "");
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    private static Set<String> providers(String value) {
        try {
            return ValidationContext.providers(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(ALLOWED_PROVIDERS + ": " + e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
