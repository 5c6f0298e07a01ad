package dev.chaosaction.function;

import dev.chaosaction.journal.S3Clients;
import dev.chaosaction.safety.KillSwitches;
import dev.chaosaction.safety.StopAlarms;
import dev.chaosaction.validation.ValidationContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
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
 * @param env              the whole environment, which experiments see
 */
public record FunctionConfig(String bucket, String prefix, Path journalDir, URI s3Endpoint, String region,
                             Set<String> allowedProviders, Map<String, String> env) {
    public static final String JOURNAL_BUCKET = "JOURNAL_BUCKET";
    public static final String JOURNAL_PREFIX = "JOURNAL_PREFIX";
    public static final String JOURNAL_DIR = "CHAOS_JOURNAL_DIR";
    public static final String S3_ENDPOINT = S3Clients.ENDPOINT;
    public static final String ALLOWED_PROVIDERS = "CHAOS_ALLOWED_PROVIDERS";
    /** Set by Lambda itself. */
    public static final String REGION = "AWS_REGION";
    /** Read by the engine's cluster connector (it reaches the environment through {@link #env}). */
    public static final String EKS_CLUSTER_NAME = "EKS_CLUSTER_NAME";
    /** Read by the engine: the {@code s3://bucket/key} whose presence stops runs. */
    public static final String KILL_SWITCH = KillSwitches.ENV;

    /** Read by the engine: CloudWatch alarm ARNs that stop a run when one enters ALARM. */
    public static final String STOP_ALARMS = StopAlarms.ENV;

    /** Read by the engine: {@code skip} plays no rollback once the kill switch is engaged (default {@code play}). */
    public static final String KILL_SWITCH_ROLLBACKS = KillSwitches.ROLLBACKS_ENV;

    public static final Set<String> NAMES = Set.of(JOURNAL_BUCKET, JOURNAL_PREFIX, JOURNAL_DIR, S3_ENDPOINT,
            ALLOWED_PROVIDERS, REGION, EKS_CLUSTER_NAME, KILL_SWITCH, KILL_SWITCH_ROLLBACKS, STOP_ALARMS);

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
        String bucket = blankToNull(env.get(JOURNAL_BUCKET));
        String dir = blankToNull(env.get(JOURNAL_DIR));
        if (bucket == null && dir == null) {
            throw new IllegalStateException(JOURNAL_BUCKET + " is not set (or " + JOURNAL_DIR + " for local use)");
        }
        String endpoint = blankToNull(env.get(S3_ENDPOINT));
        String region = blankToNull(env.get(REGION));
        return new FunctionConfig(bucket, prefix(env.get(JOURNAL_PREFIX)), dir == null ? null : Path.of(dir),
                endpoint == null ? null : URI.create(endpoint), region == null ? DEFAULT_REGION : region,
                providers(env.getOrDefault(ALLOWED_PROVIDERS, DEFAULT_PROVIDERS)), Map.copyOf(env));
    }

    /** The cluster runs act on, which names their namespace locks: {@value #EKS_CLUSTER_NAME}, else {@code default}. */
    public String cluster() {
        String name = blankToNull(env.get(EKS_CLUSTER_NAME));
        return name == null ? "default" : name;
    }

    /** The S3 client of the function's region and endpoint. */
    public S3ClientBuilder s3(AwsCredentialsProvider credentials) {
        return S3Clients.builder(region, s3Endpoint, credentials);
    }

    private static String prefix(String value) {
        if (value == null) return DEFAULT_PREFIX;
        String p = value.strip().replaceAll("^/+", "");
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    private static Set<String> providers(String value) {
        Set<String> allowed = new LinkedHashSet<>();
        for (String name : value.split(",")) {
            String type = name.strip().toLowerCase(Locale.ROOT);
            if (type.isEmpty()) continue;
            if (!ValidationContext.ALL_PROVIDERS.contains(type)) {
                throw new IllegalStateException(ALLOWED_PROVIDERS + ": unknown provider type '" + type
                        + "', expected some of http, process, python");
            }
            allowed.add(type);
        }
        return Set.copyOf(allowed);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
