package dev.chaosaction.function;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.crac.Context;
import org.crac.Resource;

/**
 * SnapStart priming, as a CRaC runtime hook: before Lambda snapshots an initialised execution environment, one
 * invocation's path is walked with a sample payload ({@link ChaosFunction#prime}), so that restored copies start
 * with its classes loaded and initialised and its first methods compiled. The sample is a dry run: no activity
 * runs and nothing leaves the process; no run id, token or random seed is made, since every restored copy would
 * share them.
 */
public final class Priming implements Resource {
    /** What a scheduled payload typically holds: an HTTP probe with tolerances and a Kubernetes action. */
    static final byte[] SAMPLE = """
            {"runId": "priming", "settings": {"dry": "activities"},
             "configuration": {"base": "http://127.0.0.1:9"},
             "experiment": {"title": "priming", "description": "a dry run before the snapshot",
              "steady-state-hypothesis": {"title": "up", "probes": [
                {"type": "probe", "name": "status", "tolerance": 200,
                 "provider": {"type": "http", "url": "${base}/health", "timeout": 3}},
                {"type": "probe", "name": "body", "tolerance": {"type": "jsonpath", "path": "$.status",
                 "expect": "UP", "target": "body"}, "provider": {"type": "http", "url": "${base}/health"}},
                {"type": "probe", "name": "text", "tolerance": {"type": "regex", "pattern": "UP", "target": "body"},
                 "provider": {"type": "http", "url": "${base}/health"}}]},
              "method": [{"type": "action", "name": "terminate", "provider": {"type": "python",
                "module": "chaosk8s.pod.actions", "func": "terminate_pods",
                "arguments": {"label_selector": "app=web", "ns": "shop", "qty": 1, "rand": true}}}],
              "rollbacks": []}}
            """.getBytes(StandardCharsets.UTF_8);

    /** The provider types {@link #SAMPLE} uses. */
    static final Set<String> SAMPLE_PROVIDERS = Set.of("http", "python");

    private final ChaosFunction function;

    public Priming(ChaosFunction function) {
        this.function = function;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        function.prime(SAMPLE);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing was made that a restored copy must not share: clients resolve credentials per request.
    }
}
