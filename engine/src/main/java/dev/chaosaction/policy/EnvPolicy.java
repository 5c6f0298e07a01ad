package dev.chaosaction.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which environment variables an experiment may read through {@code {"type": "env"}} configuration and secrets,
 * and which a process provider inherits.
 *
 * <p>On the command line the author is the operator: every variable is readable, as in Chaos Toolkit
 * ({@link #OPEN}). Where the author is not the operator (the Lambda function, the GitHub Action) only the
 * variables the deployment lists are readable ({@link #allowing}), and never the runtime's own ({@link #RUNTIME}),
 * whatever the list says: those carry the role's credentials, the workflow's tokens and the runner's plumbing.
 */
public final class EnvPolicy {
    /**
     * Names and prefixes (ending in {@code *}) of the runtime's own variables: AWS credentials and settings
     * ({@code AWS_*}: keys, session token, container-credentials URI and token, web identity), Lambda's
     * ({@code AWS_LAMBDA_*}, {@code LAMBDA_*}, {@code _HANDLER}, {@code _X_AMZN_*}, {@code _AWS_XRAY_*}: every name
     * starting with {@code _}), the Action runner's ({@code ACTIONS_*}: the OIDC request and runtime tokens,
     * {@code RUNNER_*}, {@code INPUT_*}: the step's inputs, {@code GITHUB_TOKEN}, {@code GH_TOKEN}). Never readable
     * by an experiment where the author is not the operator, whatever the allow-list says.
     */
    public static final List<String> RUNTIME = List.of("AWS_*", "AMAZON_*", "_*", "LAMBDA_*", "ACTIONS_*",
            "RUNNER_*", "INPUT_*", "GITHUB_TOKEN", "GH_TOKEN");
    /** What a process provider inherits besides the allowed variables: enough to find and run a program. */
    private static final List<String> PROCESS_BASICS = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR");

    /** Every variable readable: the command line. */
    public static final EnvPolicy OPEN = new EnvPolicy(null);

    /** Null when every variable is readable. */
    private final AllowList allowed;

    private EnvPolicy(AllowList allowed) {
        this.allowed = allowed;
    }

    /**
     * Only the names in {@code list} (a comma list of names and {@code PREFIX*} prefixes) are readable, never one
     * of {@link #RUNTIME}.
     *
     * @param setting the deployment setting the list came from, named in refusals
     */
    public static EnvPolicy allowing(String list, String setting) {
        return new EnvPolicy(AllowList.parse(list, setting));
    }

    public boolean isOpen() {
        return allowed == null;
    }

    /** Whether an experiment may read {@code name}. */
    public boolean readable(String name) {
        return allowed == null || !matchesAny(RUNTIME, name) && matchesAny(allowed.entries(), name);
    }

    /** Why {@code name} is not readable, for the problem that reports it; null when it is. */
    public String refusal(String name) {
        if (readable(name)) return null;
        if (matchesAny(RUNTIME, name)) {
            return "environment variable " + name + " belongs to the runtime (its credentials, tokens or settings):"
                    + " experiments can never read it here; pass the value the experiment needs as configuration";
        }
        return "environment variable " + name + " is not readable by experiments here: the deployment allows "
                + allowed.shown() + " (" + allowed.setting() + ")";
    }

    /** The part of {@code env} an experiment may read. */
    public Map<String, String> visible(Map<String, String> env) {
        if (allowed == null) return env;
        Map<String, String> visible = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (readable(name)) visible.put(name, value);
        });
        return visible;
    }

    /** The environment a process provider runs with: the readable variables and what running a program needs. */
    public Map<String, String> forProcesses(Map<String, String> env) {
        if (allowed == null) return env;
        Map<String, String> inherited = new LinkedHashMap<>(visible(env));
        PROCESS_BASICS.forEach(name -> {
            if (env.containsKey(name)) inherited.put(name, env.get(name));
        });
        return inherited;
    }

    private static boolean matchesAny(List<String> patterns, String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (String pattern : patterns) {
            String p = pattern.toUpperCase(Locale.ROOT);
            if (p.endsWith("*") ? upper.startsWith(p.substring(0, p.length() - 1)) : upper.equals(p)) return true;
        }
        return false;
    }
}
