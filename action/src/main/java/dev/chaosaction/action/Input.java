package dev.chaosaction.action;

import java.util.Locale;
import java.util.Map;

/**
 * The action's inputs, as {@code action.yml} declares them: the one list the entry point reads from, so that
 * a test can hold the two against each other.
 */
public enum Input {
    EXPERIMENT("experiment", ""),
    VARS("vars", ""),
    VAR_FILE("var-file", ""),
    DRY("dry", ""),
    ROLLBACK_STRATEGY("rollback-strategy", ""),
    HYPOTHESIS_STRATEGY("hypothesis-strategy", ""),
    JOURNAL_PATH("journal-path", "chaos-journal.json"),
    JOURNAL_S3_URI("journal-s3-uri", ""),
    CLUSTER_NAME("cluster-name", ""),
    AWS_REGION("aws-region", ""),
    KUBECONFIG("kubeconfig", ""),
    FAIL_ON("fail-on", "not-held"),
    FAIL_ON_DEVIATION("fail-on-deviation", "true"),
    ALLOWED_PROVIDERS("allowed-providers", "http,python"),
    ALLOWED_ENV("allowed-env", ""),
    EGRESS_ALLOW("egress-allow", ""),
    EGRESS_REDIRECTS("egress-redirects", "same-origin"),
    ALLOWED_FUNCTIONS("allowed-functions", ""),
    STOP_ALARMS("stop-alarms", "");

    private final String id;
    private final String defaultValue;

    Input(String id, String defaultValue) {
        this.id = id;
        this.defaultValue = defaultValue;
    }

    /** The name in {@code action.yml} and in workflows' {@code with:}. */
    public String id() {
        return id;
    }

    /** The default {@code action.yml} declares ({@code ""}: none). */
    public String defaultValue() {
        return defaultValue;
    }

    /** The runner's variable: {@code INPUT_} + the name upper-cased, spaces as {@code _}, hyphens kept. */
    public String envName() {
        return "INPUT_" + id.replace(' ', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * The value as given, else the default. The runner passes declared defaults itself, but not required-ness,
     * and someone may start the image by hand; a blank value counts as not given.
     */
    String raw(Map<String, String> env) {
        String value = env.get(envName());
        return value == null || value.isBlank() ? defaultValue : value;
    }

    /** {@link #raw} without surrounding blanks: the single-line inputs. */
    String value(Map<String, String> env) {
        return raw(env).strip();
    }
}
