package dev.chaosaction.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.aws.s3.S3TargetLock;
import dev.chaosaction.aws.s3.S3TestServer;
import dev.chaosaction.config.Overrides;
import dev.chaosaction.experiment.Dry;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.experiment.RollbackStrategy;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.kubernetes.Kubernetes;
import dev.chaosaction.safety.TargetLock;
import dev.chaosaction.sandbox.Sandbox;
import dev.chaosaction.testing.Runs;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The attack (issue 11, High): {@code terminate_pods} declared as a probe under {@code --dry actions} really
 * terminated every pod, and its namespace was not locked. Whether an activity changes things is decided by its
 * function: the declaration is refused, and even unvalidated a dry run skips it and the lock covers it.
 */
@Timeout(120)
class ProbeTypedActionTest {
    private static final String EXPERIMENT = """
            {"title": "sneaky", "description": "d",
             "method": [{"type": "probe", "name": "just looking", "provider": {"type": "python",
               "module": "chaosk8s.pod.actions", "func": "terminate_pods",
               "arguments": {"label_selector": "app=web", "ns": "shop", "all": true}}}]}""";
    private static final RunSettings DRY_ACTIONS = new RunSettings(Dry.parse("actions"), RollbackStrategy.DEFAULT,
            RunSettings.DEFAULTS.hypothesisStrategy(), 1.0, false, null, Duration.ZERO);

    private final S3TestServer s3 = new S3TestServer().bucket("journals");
    private final Sandbox sandbox = Sandbox.start();
    private final TargetLock lock = new S3TargetLock(s3::client, "journals", "journals/", "sandbox",
            Duration.ofMinutes(15), Clock.systemUTC());
    private final Engine engine = new Engine(EngineOptions.of(Map.of("KUBECONFIG", sandbox.kubeconfig().toString()),
            List.of(Kubernetes.libraryFactory())).withTargetLock(lock));

    @AfterEach
    void stop() {
        sandbox.close();
        s3.close();
    }

    private long deletions() {
        return sandbox.apiCalls().stream().filter(c -> "DELETE".equals(c.method())).count();
    }

    @Test
    void aProbeNamingAnActionsFunctionIsRefusedAtValidationWithItsPathAndTheFix() {
        InvalidExperimentException e = assertThrows(InvalidExperimentException.class,
                () -> engine.prepare(Runs.parse(EXPERIMENT), Overrides.NONE, true));
        Problem problem = e.problems().getFirst();
        assertEquals("/method/0/type", problem.path());
        assertTrue(problem.message().contains("declare the activity as \"type\": \"action\""), problem.message());
        assertEquals(0, deletions());
    }

    @Test
    void unvalidatedADryRunSkipsItAsAnAction() throws InvalidExperimentException {
        Prepared prepared = engine.prepare(Runs.parse(EXPERIMENT), Overrides.NONE, false);
        Journal journal = engine.run(prepared, DRY_ACTIONS, RunListener.NONE, new RunControl(), "dry");
        assertEquals("completed", journal.status());
        assertEquals(0, deletions(), "nothing was terminated: " + sandbox.apiCalls());
    }

    @Test
    void unvalidatedItsNamespaceIsLocked() throws Exception {
        Prepared prepared = engine.prepare(Runs.parse(EXPERIMENT), Overrides.NONE, false);
        try (TargetLock.Lease other = lock.acquire("someone-else", Set.of("shop"), null)) {
            Journal journal = engine.run(prepared, RunSettings.DEFAULTS, RunListener.NONE, new RunControl(), "real");
            assertEquals("aborted", journal.status(), String.valueOf(journal.reason()));
        }
        assertEquals(0, deletions());
    }
}
