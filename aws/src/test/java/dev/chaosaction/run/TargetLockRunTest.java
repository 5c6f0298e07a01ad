package dev.chaosaction.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.aws.s3.S3TargetLock;
import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.config.Overrides;
import dev.chaosaction.experiment.Dry;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.RollbackStrategy;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.RunItem;
import dev.chaosaction.kubernetes.Kubernetes;
import dev.chaosaction.safety.TargetLock;
import dev.chaosaction.sandbox.ApiCall;
import dev.chaosaction.sandbox.Sandbox;
import dev.chaosaction.testing.Runs;
import dev.chaosaction.testing.TestFunctions;
import dev.chaosaction.value.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two runs against one namespace of the simulated cluster: the second, started while the first is in its
 * method, ends {@code aborted} without touching anything, rollbacks included; once the first is over the
 * namespace is free again.
 */
@Timeout(120)
class TargetLockRunTest {
    private final S3TestServer s3 = new S3TestServer().bucket("journals");
    private final Sandbox sandbox = Sandbox.start();
    private final String id = UUID.randomUUID().toString();
    private final TargetLock lock = new S3TargetLock(s3::client, "journals", "journals/", "sandbox",
            Duration.ofMinutes(15), Clock.systemUTC());

    @AfterEach
    void stop() {
        sandbox.close();
        s3.close();
    }

    /** Kill one pod of {@code ns} in the method, tick in the rollbacks. */
    private String experiment(String ns) {
        return """
                {"title": "kill one", "description": "d",
                 "method": [{"type": "action", "name": "kill", "provider": {"type": "python",
                   "module": "chaosk8s.pod.actions", "func": "terminate_pods",
                   "arguments": {"label_selector": "app=web", "ns": "${target}", "qty": 1}}}],
                 "configuration": {"target": "%s"},
                 "rollbacks": [{"type": "action", "name": "undo", "provider": {"type": "python",
                   "module": "test.fn", "func": "tick", "arguments": {"name": "%s"}}}]}""".formatted(ns, id);
    }

    private Journal run(String experiment, String runId, RunSettings settings, RunListener listener) {
        Engine engine = new Engine(EngineOptions.of(Map.of("KUBECONFIG", sandbox.kubeconfig().toString()),
                List.of(Kubernetes.libraryFactory(), TestFunctions.factory())).withTargetLock(lock));
        try {
            Prepared prepared = engine.prepare(Runs.parse(experiment), Overrides.NONE, true);
            return engine.run(prepared, settings, listener, new RunControl(), runId);
        } catch (InvalidExperimentException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    private List<ApiCall> deletions() {
        return sandbox.apiCalls().stream().filter(c -> "DELETE".equals(c.method())).toList();
    }

    @Test
    void aSecondRunIntoTheSameNamespaceEndsAbortedWithoutTouchingItAndTheFirstReleasesItAtItsEnd() {
        RunSettings second = new RunSettings(null, RollbackStrategy.ALWAYS, RunSettings.DEFAULTS.hypothesisStrategy(),
                1.0, false, null, Duration.ZERO);
        AtomicReference<Journal> during = new AtomicReference<>();
        AtomicReference<String> lockDuring = new AtomicReference<>();

        Journal first = run(experiment(sandbox.namespace()), "run-first", RunSettings.DEFAULTS, new RunListener() {
            @Override
            public void activityEnded(Phase phase, RunItem item) {
                if (phase != Phase.METHOD) return;
                lockDuring.set(s3.read("journals", "journals/targets/sandbox/" + sandbox.namespace() + ".lock"));
                during.set(run(experiment(sandbox.namespace()), "run-second", second, RunListener.NONE));
            }
        });

        assertEquals("completed", first.status());
        assertEquals("run-first", ((Map<?, ?>) Json.parse(lockDuring.get())).get("runId"));
        Journal refused = during.get();
        assertEquals("aborted", refused.status());
        assertTrue(refused.reason().startsWith("not started: namespace 'shop' of cluster 'sandbox' is locked by run "
                + "run-first until "), refused.reason());
        assertEquals(List.of(), refused.run());
        assertEquals(List.of(), refused.rollbacks(), "even the 'always' strategy plays nothing for a refused run");
        assertEquals(1, deletions().size(), "only the first run deleted a pod: " + deletions());
        assertEquals(1, TestFunctions.ticks(id), "only the first run rolled back");
        assertTrue(((Map<?, ?>) Json.parse(s3.read("journals", "journals/targets/sandbox/shop.lock")))
                .containsKey("released"));

        Journal third = run(experiment(sandbox.namespace()), "run-third", RunSettings.DEFAULTS, RunListener.NONE);
        assertEquals("completed", third.status());
        assertNull(third.reason());
    }

    @Test
    void runsIntoOtherNamespacesDoNotWaitForEachOther() {
        AtomicReference<Journal> during = new AtomicReference<>();
        run(experiment(sandbox.namespace()), "run-shop", RunSettings.DEFAULTS, new RunListener() {
            @Override
            public void activityEnded(Phase phase, RunItem item) {
                if (phase == Phase.METHOD) {
                    during.set(run(experiment("billing"), "run-billing", RunSettings.DEFAULTS, RunListener.NONE));
                }
            }
        });
        // Nothing runs in "billing" in the sandbox: the action fails there, but the run was let in.
        assertEquals(List.of("kill"), during.get().run().stream().map(i -> i.activity().get("name")).toList());
        assertTrue(((Map<?, ?>) Json.parse(s3.read("journals", "journals/targets/sandbox/billing.lock")))
                .containsKey("released"));
    }

    @Test
    void aDryRunThatSkipsActionsLocksNothing() {
        RunSettings dry = new RunSettings(Dry.parse("actions"), RollbackStrategy.DEFAULT,
                RunSettings.DEFAULTS.hypothesisStrategy(), 1.0, false, null, Duration.ZERO);
        try (TargetLock.Lease other = lock.acquire("someone-else", Set.of("shop"), null)) {
            Journal journal = run(experiment("shop"), "run-dry", dry, RunListener.NONE);
            assertEquals("completed", journal.status());
        } catch (TargetLock.Busy e) {
            throw new AssertionError(e);
        }
    }
}
