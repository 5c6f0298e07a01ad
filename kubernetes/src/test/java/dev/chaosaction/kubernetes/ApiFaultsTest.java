package dev.chaosaction.kubernetes;

import static dev.chaosaction.kubernetes.Catalog.POD_ACTIONS;
import static dev.chaosaction.kubernetes.Catalog.POD_PROBES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.config.Overrides;
import dev.chaosaction.experiment.ExperimentLoader;
import dev.chaosaction.experiment.HypothesisStrategy;
import dev.chaosaction.experiment.InvalidExperimentException;
import dev.chaosaction.experiment.RollbackStrategy;
import dev.chaosaction.journal.Journal;
import dev.chaosaction.journal.RunItem;
import dev.chaosaction.run.Engine;
import dev.chaosaction.run.EngineOptions;
import dev.chaosaction.run.RunControl;
import dev.chaosaction.run.RunListener;
import dev.chaosaction.run.RunSettings;
import dev.chaosaction.safety.Guardrails;
import dev.chaosaction.sandbox.ApiCall;
import dev.chaosaction.sandbox.Sandbox;
import dev.chaosaction.testing.FaultProxy;
import dev.chaosaction.testing.FaultProxy.Fault;
import dev.chaosaction.testing.FaultProxy.Seen;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes API failing under a run: a proxy in front of the sandbox's API server answers 5xx and 429s,
 * drops connections before an answer, after the server acted or in the middle of a list, or never answers.
 * The client is the one the connector builds from a kubeconfig, as in production. Reads come through; no pod
 * is deleted twice and every pod reported terminated really went; what fails says why in the journal, and
 * rollbacks still play.
 */
@Timeout(60)
class ApiFaultsTest {
    private static final Map<String, Object> WEB = Map.of("label_selector", "app=web", "ns", "shop");
    private static final String POD_LIST = "/namespaces/shop/pods\\?";
    private static final String ETCD_TIMEOUT = """
            {"kind": "Status", "apiVersion": "v1", "status": "Failure", "message": "etcdserver: request timed out",
             "reason": "InternalError", "code": 500}""";

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private FaultProxy api;
    private Path kubeconfig;
    private KubernetesLibrary library;
    private List<String> pods;

    @BeforeEach
    void start() throws IOException {
        sandbox = Sandbox.builder().recreateDelay(Duration.ofHours(1)).start();
        api = new FaultProxy(URI.create(sandbox.masterUrl()));
        kubeconfig = Files.writeString(dir.resolve("kubeconfig"), Files.readString(sandbox.kubeconfig())
                .replace(sandbox.masterUrl(), api.uri() + "/"));
        library = new KubernetesLibrary(() -> new ClusterConnector().connect(Map.of("kubeconfig",
                kubeconfig.toString()), Map.of()).client(), Guardrails.defaults());
        pods = podNames();
    }

    @AfterEach
    void stop() {
        library.close();
        api.close();
        sandbox.close();
    }

    // --- reads ------------------------------------------------------------------------------------------

    @Test
    void aReadAnswered500IsRetried() throws ActivityFailed {
        api.inject("GET", POD_LIST, 2, new Fault.Answer(500, Map.of(), ETCD_TIMEOUT));

        assertEquals(3L, countPods());
        assertEquals(List.of("Answer", "Answer", "forwarded"), what(api.seen("GET", POD_LIST)));
    }

    @Test
    void aReadThrottledWithRetryAfterIsRetried() throws ActivityFailed {
        api.inject("GET", POD_LIST, 1, new Fault.Answer(429, Map.of("Retry-After", "1"), ""));

        assertEquals(3L, countPods());
        assertEquals(List.of("Answer", "forwarded"), what(api.seen("GET", POD_LIST)));
    }

    @Test
    void aReadWhoseConnectionDropsBeforeTheAnswerIsRetried() throws ActivityFailed {
        api.inject("GET", POD_LIST, 1, new Fault.Refuse());

        assertEquals(3L, countPods());
        assertEquals(List.of("Refuse", "forwarded"), what(api.seen("GET", POD_LIST)));
    }

    @Test
    void aListCutOffMidBodyIsAskedAgain() throws ActivityFailed {
        api.inject("GET", POD_LIST, 2, new Fault.CutBody());

        assertEquals(3L, countPods());
        assertEquals(List.of("CutBody", "CutBody", "forwarded"), what(api.seen("GET", POD_LIST)));
    }

    @Test
    void aReadThatTimesOutIsRetried() throws ActivityFailed {
        api.inject("GET", POD_LIST, 1, new Fault.Hang());

        assertEquals(3L, countPods());
        assertEquals(List.of("Hang", "forwarded"), what(api.seen("GET", POD_LIST)));
    }

    @Test
    void anApiServerThatKeepsFailingFailsTheActivityWithItsReason() {
        api.inject("GET", POD_LIST, 100, new Fault.Answer(500, Map.of(), ETCD_TIMEOUT));

        ActivityFailed e = assertThrows(ActivityFailed.class, this::countPods);

        assertEquals("count_pods: Kubernetes API answered 500: etcdserver: request timed out", e.getMessage());
        assertEquals(1 + ClusterConnector.API_RETRIES, api.seen("GET", POD_LIST).size());
    }

    // --- deletes and evictions ----------------------------------------------------------------------------

    @Test
    void aDeleteWhoseAnswerIsLostIsNotSentAgainAndCountsAsDone() throws ActivityFailed {
        api.inject("DELETE", "/pods/", 1, new Fault.LoseAnswer());

        assertEquals(List.of(pods.getFirst()), terminate(WEB));

        assertEquals(List.of("DELETE " + pods.getFirst()), deletesReceived());
        assertEquals(List.of("DELETE LoseAnswer", "GET forwarded"), trafficAbout(pods.getFirst()));
        assertEquals(pods.subList(1, 3), podNames());
    }

    @Test
    void aDeleteThatNeverArrivedIsSentAgainAfterTheCheck() throws ActivityFailed {
        api.inject("DELETE", "/pods/", 1, new Fault.Refuse());

        assertEquals(List.of(pods.getFirst()), terminate(WEB));

        assertEquals(List.of("DELETE " + pods.getFirst()), deletesReceived());
        assertEquals(List.of("DELETE Refuse", "GET forwarded", "DELETE forwarded"), trafficAbout(pods.getFirst()));
    }

    @Test
    void aDeleteAnswered500OrThrottledIsSentAgainAfterTheCheck() throws ActivityFailed {
        api.inject("DELETE", "/pods/" + pods.get(0), 1, new Fault.Answer(500, Map.of(), ETCD_TIMEOUT));
        api.inject("DELETE", "/pods/" + pods.get(1), 1, new Fault.Answer(429, Map.of("Retry-After", "1"), ""));

        assertEquals(pods.subList(0, 2), terminate(Map.of("label_selector", "app=web", "ns", "shop", "qty", 2)));

        assertEquals(Stream.of(pods.get(0), pods.get(1)).map(p -> "DELETE " + p).sorted().toList(),
                deletesReceived().stream().sorted().toList());
        for (String pod : pods.subList(0, 2)) {
            assertEquals(List.of("DELETE Answer", "GET forwarded", "DELETE forwarded"), trafficAbout(pod));
        }
    }

    @Test
    void aDeleteTheApiRefusesIsNotSentAgainAndFailsWithTheApisWords() {
        api.inject("DELETE", "/pods/" + pods.getFirst(), 1, new Fault.Answer(403, Map.of(), """
                {"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "Forbidden", "code": 403,
                 "message": "pods \\"%s\\" is forbidden: User \\"chaos\\" cannot delete resource \\"pods\\""}"""
                .formatted(pods.getFirst())));

        ActivityFailed e = assertThrows(ActivityFailed.class, () -> terminate(WEB));

        assertEquals("terminate_pods terminated 0 of 1 pods []; not terminated: " + pods.getFirst()
                + ": Kubernetes API answered 403: pods \"" + pods.getFirst() + "\" is forbidden: User \"chaos\" "
                + "cannot delete resource \"pods\"", e.getMessage());
        assertEquals(List.of("DELETE Answer"), trafficAbout(pods.getFirst()));
        assertEquals(pods, podNames());
    }

    @Test
    void aDeleteRefusedByAProxyInFrontOfTheApiFailsWithItsStatusLine() {
        api.inject("DELETE", "/pods/", 1, new Fault.Answer(401, Map.of("Content-Type", "text/plain"),
                "token expired\n"));

        ActivityFailed e = assertThrows(ActivityFailed.class, () -> terminate(WEB));

        assertEquals("terminate_pods terminated 0 of 1 pods []; not terminated: " + pods.getFirst()
                + ": Kubernetes API answered 401: Unauthorized", e.getMessage());
        assertEquals(pods, podNames());
    }

    @Test
    void aDeleteOfAPodAlreadyGoneSaysSo() {
        api.inject("DELETE", "/pods/", 1, new Fault.Answer(404, Map.of(), """
                {"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound", "code": 404,
                 "message": "pods \\"web\\" not found"}"""));

        ActivityFailed e = assertThrows(ActivityFailed.class, () -> terminate(WEB));

        assertEquals("terminate_pods terminated 0 of 1 pods []; not terminated: " + pods.getFirst()
                + ": it was already gone", e.getMessage());
    }

    @Test
    void everyPodWhoseDeleteAnswerIsLostIsReportedOnceAndDeletedOnce() throws ActivityFailed {
        api.inject("DELETE", "/pods/", 3, new Fault.LoseAnswer());

        assertEquals(pods, terminate(Map.of("label_selector", "app=web", "ns", "shop", "all", true)));

        assertEquals(pods.stream().map(p -> "DELETE " + p).sorted().toList(), deletesReceived().stream().sorted()
                .toList());
        assertEquals(List.of(), podNames());
    }

    @Test
    void onlyThePodsThatWentAreReportedAndTheOthersSayWhy() {
        api.inject("DELETE", "/pods/" + pods.get(0), 1, new Fault.LoseAnswer());
        api.inject("DELETE", "/pods/" + pods.get(1), 10, new Fault.Answer(500, Map.of(), ETCD_TIMEOUT));

        ActivityFailed e = assertThrows(ActivityFailed.class,
                () -> terminate(Map.of("label_selector", "app=web", "ns", "shop", "qty", 2)));

        assertEquals("terminate_pods terminated 1 of 2 pods [" + pods.get(0) + "]; not terminated: " + pods.get(1)
                + ": Kubernetes API answered 500: etcdserver: request timed out (3 attempts)", e.getMessage());
        assertEquals(List.of("DELETE " + pods.get(0)), deletesReceived());
        assertEquals(pods.subList(1, 3), podNames());
    }

    @Test
    void whenThePodCannotBeReadBackAfterALostAnswerItIsNotReportedAsTerminated() {
        api.inject("DELETE", "/pods/", 1, new Fault.LoseAnswer());
        api.inject("GET", "/pods/" + pods.getFirst(), 100, Fault.answer(503));

        ActivityFailed e = assertThrows(ActivityFailed.class, () -> terminate(WEB));

        assertEquals("terminate_pods terminated 0 of 1 pods []; not terminated: " + pods.getFirst()
                + ": Kubernetes API call failed: unexpected end of stream on http://127.0.0.1:" + api.uri().getPort()
                + "/...; whether it went is unknown: Kubernetes API answered 503: Service Unavailable",
                e.getMessage());
        assertEquals(List.of("DELETE " + pods.getFirst()), deletesReceived());
    }

    @Test
    void anEvictionAPodDisruptionBudgetRefusesFailsAtOnce() {
        sandbox.client().policy().v1().podDisruptionBudget().inNamespace("shop").resource(
                new PodDisruptionBudgetBuilder().withNewMetadata().withName("web").endMetadata()
                        .withNewSpec().withNewMinAvailable(3).withNewSelector().addToMatchLabels("app", "web")
                        .endSelector().endSpec().build()).create();

        ActivityFailed e = assertThrows(ActivityFailed.class, () -> terminate(Map.of("label_selector", "app=web",
                "ns", "shop", "use_eviction", true)));

        assertEquals("terminate_pods terminated 0 of 1 pods []; not terminated: " + pods.getFirst() + ": eviction "
                + "refused with 429 Too Many Requests: a PodDisruptionBudget does not allow it now", e.getMessage());
        assertEquals(1, api.seen("POST", "/eviction").size(), "refused, not retried");
        assertEquals(pods, podNames());
    }

    @Test
    void anEvictionWhoseAnswerIsLostIsNotSentAgain() throws ActivityFailed {
        api.inject("POST", "/eviction", 1, new Fault.LoseAnswer());

        assertEquals(List.of(pods.getFirst()), terminate(Map.of("label_selector", "app=web", "ns", "shop",
                "use_eviction", true)));

        assertEquals(1, api.seen("POST", "/eviction").size());
        assertEquals(pods.subList(1, 3), podNames());
    }

    // --- through the engine ---------------------------------------------------------------------------------

    @Test
    void aFailedTerminationIsInTheJournalWithItsReasonAndTheRollbacksStillPlay() {
        api.inject("GET", POD_LIST, 1, Fault.answer(500));
        api.inject("DELETE", "/pods/", 10, new Fault.Answer(500, Map.of(), ETCD_TIMEOUT));

        Journal journal = run(RunSettings.DEFAULTS, control -> {});

        assertEquals("completed", journal.status(), "a failed action does not fail the run, as in Chaos Toolkit");
        assertEquals(true, journal.before().met());
        RunItem kill = journal.run().getFirst();
        assertEquals("failed", kill.status());
        assertEquals("terminate_pods terminated 0 of 1 pods []; not terminated: " + pods.getFirst()
                + ": Kubernetes API answered 500: etcdserver: request timed out (3 attempts)", kill.failure());
        assertEquals(List.of("succeeded"), journal.rollbacks().stream().map(RunItem::status).toList());
        assertEquals(1, sandbox.client().apps().deployments().inNamespace("shop").withName("web").get()
                .getSpec().getReplicas());
        assertEquals(List.of(), deletesReceived(), "no delete reached the cluster");
    }

    @Test
    void aRunStoppedWhileTheApiHangsOnARequestIsInterruptedAtOnceAndItsRollbacksStillReachTheApi() {
        api.inject("GET", POD_LIST, 1, new Fault.Hang());

        Journal journal = run(always(HypothesisStrategy.SKIP), sigtermWhenSeen("GET", POD_LIST));

        assertEquals("interrupted", journal.status());
        assertEquals("SIGTERM", journal.reason());
        assertNull(journal.run().getFirst().status(), "the interrupted action keeps no status");
        assertEquals(List.of("Hang"), what(api.seen("GET", POD_LIST)), "the stop cut the call short, no retry");
        assertEquals(List.of(), deletesReceived());
        assertEquals(List.of("succeeded"), journal.rollbacks().stream().map(RunItem::status).toList());
        assertEquals(1, sandbox.client().apps().deployments().inNamespace("shop").withName("web").get()
                .getSpec().getReplicas());
    }

    @Test
    void aRunStoppedWhileADeleteHangsDoesNotCountThePodAsTerminated() {
        api.inject("DELETE", "/pods/", 1, new Fault.Hang());

        Journal journal = run(always(HypothesisStrategy.DEFAULT), sigtermWhenSeen("DELETE", "/pods/"));

        assertEquals("interrupted", journal.status());
        assertEquals("SIGTERM", journal.reason());
        assertNull(journal.run().getFirst().status(), "the interrupted action keeps no status");
        assertEquals(List.of(), deletesReceived(), "the held delete never reached the cluster");
        assertEquals(List.of("succeeded"), journal.rollbacks().stream().map(RunItem::status).toList());
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** Steady state: three pods; method: terminate one; rollback: scale the Deployment to 1. */
    private Journal run(RunSettings settings, Consumer<RunControl> withControl) {
        String experiment = """
                {"title": "kill a pod", "description": "through a failing API",
                 "configuration": {"kubeconfig": "%s"},
                 "steady-state-hypothesis": {"title": "three pods", "probes": [
                   {"type": "probe", "name": "count", "tolerance": 3, "provider": {"type": "python",
                    "module": "chaosk8s.pod.probes", "func": "count_pods",
                    "arguments": {"label_selector": "app=web", "ns": "shop"}}}]},
                 "method": [{"type": "action", "name": "kill", "provider": {"type": "python",
                    "module": "chaosk8s.pod.actions", "func": "terminate_pods",
                    "arguments": {"label_selector": "app=web", "ns": "shop"}}}],
                 "rollbacks": [{"type": "action", "name": "scale", "provider": {"type": "python",
                    "module": "chaosk8s.deployment.actions", "func": "scale_deployment",
                    "arguments": {"name": "web", "replicas": 1, "ns": "shop"}}}]}""".formatted(kubeconfig);
        try {
            Engine engine = new Engine(EngineOptions.of(Map.of(), List.of(Kubernetes.libraryFactory())));
            var prepared = engine.prepare(ExperimentLoader.parse(experiment, ExperimentLoader.Format.JSON),
                    Overrides.NONE, true);
            RunControl control = new RunControl();
            withControl.accept(control);
            return engine.run(prepared, settings, RunListener.NONE, control, "api-faults");
        } catch (InvalidExperimentException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    private static RunSettings always(HypothesisStrategy hypothesis) {
        return new RunSettings(null, RollbackStrategy.ALWAYS, hypothesis, 1.0, false, null, Duration.ZERO);
    }

    /** Interrupts the run as SIGTERM would once the proxy holds such a request. */
    private Consumer<RunControl> sigtermWhenSeen(String method, String path) {
        return control -> Thread.ofVirtual().start(() -> {
            assertTrue(Sandbox.await(Duration.ofSeconds(30), () -> !api.seen(method, path).isEmpty()));
            control.interrupt("SIGTERM");
        });
    }

    private long countPods() throws ActivityFailed {
        return (Long) Chaosk8s.call(library, POD_PROBES, "count_pods", WEB, false);
    }

    private List<?> terminate(Map<String, Object> arguments) throws ActivityFailed {
        return (List<?>) Chaosk8s.call(library, POD_ACTIONS, "terminate_pods", arguments, false);
    }

    private List<String> podNames() {
        return sandbox.client().pods().inNamespace("shop").withLabel("app", "web").list().getItems().stream()
                .map(p -> p.getMetadata().getName()).toList();
    }

    /** The deletions and evictions that reached the API server, as "METHOD pod". */
    private List<String> deletesReceived() {
        return sandbox.apiCalls().stream().filter(c -> c.method().equals("DELETE") || c.path().endsWith("/eviction"))
                .map(ApiFaultsTest::describe).toList();
    }

    private static String describe(ApiCall call) {
        String pod = call.path().replaceAll("/eviction$", "").replaceAll("\\?.*$", "");
        return call.method() + " " + pod.substring(pod.lastIndexOf('/') + 1);
    }

    /** What the proxy did with each request about one pod, as "METHOD what". */
    private List<String> trafficAbout(String pod) {
        return api.seen().stream().filter(s -> s.path().contains("/pods/" + pod))
                .map(s -> s.method() + " " + s.what()).toList();
    }

    private static List<String> what(List<Seen> seen) {
        return seen.stream().map(Seen::what).toList();
    }
}
