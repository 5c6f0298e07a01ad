package dev.chaosaction.aws;

import java.net.URI;
import java.util.Map;

/**
 * The SDK's own variables as the environment a run was given names them (a var file's included), which is not
 * always the process's: the first of several names that is set, blank counting as unset.
 */
public final class AwsEnvironment {
    private AwsEnvironment() {}

    /** The value of the first of {@code names} set in {@code env}, stripped, or null. */
    public static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) return value.strip();
        }
        return null;
    }

    /** {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}, or null. */
    public static String region(Map<String, String> env) {
        return first(env, "AWS_REGION", "AWS_DEFAULT_REGION");
    }

    /** {@code AWS_ENDPOINT_URL_<SERVICE>}, else {@code AWS_ENDPOINT_URL}, or null for the SDK's own resolution. */
    public static URI endpoint(Map<String, String> env, String service) {
        String endpoint = first(env, "AWS_ENDPOINT_URL_" + service, "AWS_ENDPOINT_URL");
        return endpoint == null ? null : URI.create(endpoint);
    }
}
