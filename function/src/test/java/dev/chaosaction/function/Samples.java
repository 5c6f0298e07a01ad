package dev.chaosaction.function;

/** Experiments and payloads the function tests send, as JSON text. */
final class Samples {
    private Samples() {}

    /** One probe in the steady state and one in the method, both GET {@code url}: three calls per run. */
    static String probeOnly(String url) {
        return """
                {"title": "Checkout stays up", "description": "one probe, checked before and after",
                 "steady-state-hypothesis": {"title": "up", "probes": [
                   {"type": "probe", "name": "health", "tolerance": 200, "provider": {"type": "http", "url": "%s"}}]},
                 "method": [{"type": "probe", "name": "look", "provider": {"type": "http", "url": "%s"}}]}"""
                .formatted(url, url);
    }

    /** Terminates one pod of the sandbox's Deployment in {@code ns} (so the run locks {@code ns}). */
    static String podKill(String ns) {
        return """
                {"title": "Pod kill", "description": "one pod of web goes",
                 "method": [{"type": "action", "name": "kill", "provider": {"type": "python",
                   "module": "chaosk8s.pod.actions", "func": "terminate_pods",
                   "arguments": {"label_selector": "app=web", "ns": "%s"}}}]}""".formatted(ns);
    }

    /** {@code experiment} sent as a request with a run id. */
    static String request(String experiment, String runId) {
        return "{\"experiment\": " + experiment + ", \"runId\": \"" + runId + "\"}";
    }
}
