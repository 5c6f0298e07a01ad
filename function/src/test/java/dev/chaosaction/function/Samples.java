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

    /** {@code experiment} sent as a request with a run id. */
    static String request(String experiment, String runId) {
        return "{\"experiment\": " + experiment + ", \"runId\": \"" + runId + "\"}";
    }
}
