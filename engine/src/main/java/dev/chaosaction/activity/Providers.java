package dev.chaosaction.activity;

/** The providers one engine shares between runs (the HTTP provider holds a connection pool). */
public record Providers(HttpProvider http, ProcessProvider process) {
    public static Providers create() {
        return new Providers(new HttpProvider(), new ProcessProvider());
    }
}
