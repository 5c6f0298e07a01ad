package dev.chaosaction.activity;

import dev.chaosaction.policy.TrustPolicy;
import java.util.Map;

/**
 * The providers one engine shares between runs. Each is built at its first use: an OkHttp client costs a
 * noticeable part of start-up, and an experiment without HTTP activities should not pay for it.
 */
public final class Providers {
    private final Map<String, String> env;
    private final TrustPolicy policy;
    private HttpProvider http;
    private ProcessProvider process;

    public Providers(Map<String, String> env) {
        this(env, TrustPolicy.OPEN);
    }

    /** HTTP reaches only what {@code policy} allows; processes inherit only the variables it lets them read. */
    public Providers(Map<String, String> env, TrustPolicy policy) {
        this.env = env;
        this.policy = policy;
    }

    public synchronized HttpProvider http() {
        if (http == null) http = new HttpProvider(policy.egress());
        return http;
    }

    public synchronized ProcessProvider process() {
        if (process == null) process = new ProcessProvider(policy.env().forProcesses(env));
        return process;
    }
}
