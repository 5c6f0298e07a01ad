package dev.chaosaction.activity;

import java.util.Map;

/**
 * The providers one engine shares between runs. Each is built at its first use: an OkHttp client costs a
 * noticeable part of start-up, and an experiment without HTTP activities should not pay for it.
 */
public final class Providers {
    private final Map<String, String> env;
    private HttpProvider http;
    private ProcessProvider process;

    public Providers(Map<String, String> env) {
        this.env = env;
    }

    public synchronized HttpProvider http() {
        if (http == null) http = new HttpProvider();
        return http;
    }

    public synchronized ProcessProvider process() {
        if (process == null) process = new ProcessProvider(env);
        return process;
    }
}
