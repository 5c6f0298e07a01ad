package dev.chaosaction.aws.cloudwatch;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.value.Py;
import java.util.Map;

/**
 * Where and as whom a probe calls AWS, read as chaosaws's {@code aws_client} reads it: the region from the
 * configuration's {@code aws_region}, else the deployment's {@code AWS_REGION} or {@code AWS_DEFAULT_REGION};
 * keys from the secrets {@code aws_access_key_id}, {@code aws_secret_access_key}, {@code aws_session_token};
 * a profile from {@code aws_profile_name}; a role to assume from {@code aws_assume_role_arn} (session name
 * {@code aws_assume_role_session_name}, default {@code ChaosToolkit}). Equal settings share one client.
 */
record AwsSettings(String region, String accessKeyId, String secretAccessKey, String sessionToken, String profile,
                   String roleArn, String roleSessionName) {
    private static final String DEFAULT_SESSION_NAME = "ChaosToolkit";

    /**
     * @param env the deployment's environment (never the experiment's): only the region is read from it
     * @throws ActivityFailed when no region is set, or one key comes without the other (boto3 refuses both)
     */
    static AwsSettings of(Map<String, Object> configuration, Map<String, Object> secrets, Map<String, String> env)
            throws ActivityFailed {
        String region = text(configuration.get("aws_region"));
        if (region == null) region = text(env.get("AWS_REGION"));
        if (region == null) region = text(env.get("AWS_DEFAULT_REGION"));
        if (region == null) throw new ActivityFailed("AWS requires a region to be set!");
        String keyId = text(secrets.get("aws_access_key_id"));
        String secret = text(secrets.get("aws_secret_access_key"));
        if ((keyId == null) != (secret == null)) {
            throw new ActivityFailed("Partial credentials found in explicit, missing: "
                    + (keyId == null ? "aws_access_key_id" : "aws_secret_access_key"));
        }
        String session = text(configuration.get("aws_assume_role_session_name"));
        return new AwsSettings(region, keyId, secret, text(secrets.get("aws_session_token")),
                text(configuration.get("aws_profile_name")), text(configuration.get("aws_assume_role_arn")),
                session == null ? DEFAULT_SESSION_NAME : session);
    }

    boolean hasKeys() {
        return accessKeyId != null;
    }

    /**
     * Why these settings may not be used in {@code scope}, or null: where the author is not the operator, a
     * profile names one of the deployment's identities, and so does a role assumed with the deployment's
     * credentials (a role assumed with the experiment's own keys is the author's business).
     */
    String refusal(CredentialScope scope) {
        if (scope == CredentialScope.OPERATOR) return null;
        if (profile != null) {
            return "configuration aws_profile_name picks one of the deployment's AWS profiles, which an experiment"
                    + " may not do here: the deployment's own credentials are used, or the experiment's"
                    + " aws_access_key_id and aws_secret_access_key secrets";
        }
        if (roleArn != null && !hasKeys()) {
            return "configuration aws_assume_role_arn would assume a role with the deployment's credentials, which"
                    + " an experiment may not do here: assume it with the experiment's own aws_access_key_id and"
                    + " aws_secret_access_key secrets, or let the deployment's role be used";
        }
        return null;
    }

    /** Python truthiness, as chaosaws tests {@code if not region}; non-strings as their str(). */
    private static String text(Object value) {
        return Py.truthy(value) ? Py.str(value) : null;
    }

    /** Keys and tokens never go into a message or a log. */
    @Override
    public String toString() {
        return "AwsSettings[region=" + region + ", profile=" + profile + ", roleArn=" + roleArn
                + ", keys=" + (hasKeys() ? "given" : "none") + "]";
    }
}
