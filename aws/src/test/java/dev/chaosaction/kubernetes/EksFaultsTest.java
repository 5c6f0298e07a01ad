package dev.chaosaction.kubernetes;

import static dev.chaosaction.aws.eks.EksTokenTest.SIGNED_AT;
import static dev.chaosaction.aws.eks.EksTokenTest.decode;
import static dev.chaosaction.aws.eks.EksTokenTest.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.chaosaction.activity.ActivityFailed;
import dev.chaosaction.activity.FunctionLibraryFactory;
import dev.chaosaction.aws.eks.EksClusterTest.EksEndpoint;
import dev.chaosaction.aws.eks.EksConnector;
import dev.chaosaction.aws.eks.EksTokenProviderTest.SettableClock;
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
import dev.chaosaction.testing.FaultProxy.Fault;
import dev.chaosaction.testing.FaultProxy;
import dev.chaosaction.testing.TestFunctions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * EKS under a long run: the token expires (a test clock moves past its life) or is refused early (the keys
 * that signed it were rotated), and DescribeCluster fails. The cluster's API server is a local one that, like
 * EKS, accepts a token only for 15 minutes after it was signed, and only from keys it trusts.
 */
@Timeout(60)
class EksFaultsTest {
    private static final AwsBasicCredentials OLD_KEYS = AwsBasicCredentials.create("AKIDOLDKEYS", "old-secret");
    private static final AwsBasicCredentials NEW_KEYS = AwsBasicCredentials.create("AKIDNEWKEYS", "new-secret");
    private static final Map<String, Object> PROD = Map.of("eks_cluster_name", "prod", "aws_region", "eu-west-1");

    @TempDir
    Path dir;
    private final SettableClock clock = new SettableClock(SIGNED_AT);
    private final Keys keys = new Keys();
    private final ClusterApi api = new ClusterApi();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        api.close();
        for (AutoCloseable c : open) c.close();
    }

    // --- the token ----------------------------------------------------------------------------------------

    @Test
    void aRunLongerThanTheTokensLifeHandsEveryRequestALiveToken() throws Exception {
        KubernetesLibrary library = library(eks(api.url()));

        for (int minute = 0; minute <= 60; minute += 5) {
            assertEquals(2L, countPods(library), "at minute " + minute);
            clock.advance(Duration.ofMinutes(5));
        }

        assertEquals(List.of(), api.refused);
        assertEquals(13, api.accepted.size());
        assertEquals(List.of("20261126T101530Z", "20261126T103030Z", "20261126T104530Z", "20261126T110030Z",
                "20261126T111530Z"), api.accepted.stream().map(EksFaultsTest::signedAt).distinct().toList(),
                "a new token every 15 minutes of the test clock (the provider renews at 14)");
    }

    @Test
    void aTokenRefusedBeforeItsTimeIsRenewedWithFreshKeysAndTheCallGoesThrough() throws Exception {
        KubernetesLibrary library = usedThenKeysRotated();

        assertEquals(2L, countPods(library));
        assertEquals(List.of(OLD_KEYS.accessKeyId(), NEW_KEYS.accessKeyId()),
                api.accepted.stream().map(EksFaultsTest::accessKey).toList());
        assertTrue(api.refused.stream().allMatch(t -> accessKey(t).equals(OLD_KEYS.accessKeyId())));
        assertEquals(3, keys.resolved.get(), "keys resolved for DescribeCluster, the first token and its renewal");
    }

    @Test
    void aPodDeleteCarriesTheClientsTokenRenewedAsAnyOtherRequest() throws Exception {
        KubernetesLibrary library = usedThenKeysRotated();

        assertEquals(List.of("web-1"), Chaosk8s.call(library, Catalog.POD_ACTIONS, "terminate_pods",
                Map.of("label_selector", "app=web", "ns", "shop"), false));
        // The list meets the stale token and renews it (as in the test above); the delete goes once, renewed.
        assertEquals(List.of("GET accepted", "DELETE accepted"), api.calls.subList(api.calls.size() - 2,
                api.calls.size()));
        assertEquals(List.of("DELETE accepted"), api.calls.stream().filter(c -> c.startsWith("DELETE")).toList());
        assertEquals(NEW_KEYS.accessKeyId(), accessKey(api.accepted.getLast()),
                "the delete's token is the renewed one");
    }

    // --- DescribeCluster ------------------------------------------------------------------------------------

    @Test
    void describeClusterFailingOnceIsRetriedByTheSdk() throws Exception {
        EksEndpoint describe = EksEndpoint.describing("prod", api.url(), anyCertificate());
        open.add(describe);
        FaultProxy eks = new FaultProxy(describe.uri()).inject("GET", "/clusters/prod", 1, Fault.answer(500));
        open.add(eks);

        assertEquals(2L, countPods(library(eks.uri())));
        assertEquals(List.of("Answer", "forwarded"), eks.seen().stream().map(FaultProxy.Seen::what).toList());
    }

    @Test
    void describeClusterRefusedFailsEachKubernetesActivityWithAwsReasonAndTheRunEndsWithItsJournal()
            throws Exception {
        EksEndpoint denied = EksEndpoint.failing(403, "AccessDeniedException", "User: arn:aws:sts::111122223333:"
                + "assumed-role/chaos is not authorized to perform: eks:DescribeCluster");
        open.add(denied);
        String counter = UUID.randomUUID().toString();

        Journal journal = run(denied.uri(), counter);

        String reason = "cannot connect to the Kubernetes cluster: EKS cluster 'prod' in eu-west-1: DescribeCluster"
                + " failed: AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/chaos is not"
                + " authorized to perform: eks:DescribeCluster (HTTP 403)";
        assertEquals("failed", journal.status());
        RunItem probe = journal.before().probes().getFirst();
        assertEquals("failed", probe.status());
        assertEquals(reason, probe.failure());
        assertEquals(List.of(), journal.run(), "the method does not run");
        assertEquals(List.of("failed", "succeeded"), journal.rollbacks().stream().map(RunItem::status).toList());
        assertEquals(reason, journal.rollbacks().getFirst().failure());
        assertEquals(1, TestFunctions.ticks(counter), "the rollback after the failed one still plays");
        assertEquals(List.of("/clusters/prod", "/clusters/prod"), denied.calls.stream().map(EksEndpoint.Call::path)
                .toList(), "each activity tries to connect again");
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** A library whose client made one call; then the caller's keys rotate and only the new ones are trusted. */
    private KubernetesLibrary usedThenKeysRotated() throws Exception {
        KubernetesLibrary library = library(eks(api.url()));
        assertEquals(2L, countPods(library));
        keys.rotate();
        api.trusted = Set.of(NEW_KEYS.accessKeyId());
        clock.advance(Duration.ofMinutes(5));
        return library;
    }

    private URI eks(String apiUrl) throws IOException {
        EksEndpoint describe = EksEndpoint.describing("prod", apiUrl, anyCertificate());
        open.add(describe);
        return describe.uri();
    }

    private ClusterConnector connector(URI eksEndpoint) {
        return new ClusterConnector(new EksConnector(keys, eksEndpoint, clock), dir.resolve("no-serviceaccount"));
    }

    private KubernetesLibrary library(URI eksEndpoint) {
        KubernetesLibrary library = new KubernetesLibrary(() -> connector(eksEndpoint).connect(PROD, Map.of())
                .client(), Guardrails.defaults());
        open.add(library);
        return library;
    }

    private static long countPods(KubernetesLibrary library) throws ActivityFailed {
        return (Long) Chaosk8s.call(library, Catalog.POD_PROBES, "count_pods",
                Map.of("label_selector", "app=web", "ns", "shop"), false);
    }

    /** Steady state: count the pods; rollbacks (always): scale the Deployment, then tick {@code counter}. */
    private Journal run(URI eksEndpoint, String counter) throws InvalidExperimentException {
        String experiment = """
                {"title": "t", "description": "d",
                 "configuration": {"eks_cluster_name": "prod", "aws_region": "eu-west-1"},
                 "steady-state-hypothesis": {"title": "pods", "probes": [
                   {"type": "probe", "name": "count", "tolerance": 2, "provider": {"type": "python",
                    "module": "chaosk8s.pod.probes", "func": "count_pods",
                    "arguments": {"label_selector": "app=web", "ns": "shop"}}}]},
                 "method": [{"type": "action", "name": "kill", "provider": {"type": "python",
                    "module": "chaosk8s.pod.actions", "func": "terminate_pods", "arguments": {"ns": "shop"}}}],
                 "rollbacks": [
                   {"type": "action", "name": "scale", "provider": {"type": "python",
                    "module": "chaosk8s.deployment.actions", "func": "scale_deployment",
                    "arguments": {"name": "web", "replicas": 3, "ns": "shop"}}},
                   {"type": "action", "name": "tick", "provider": {"type": "python",
                    "module": "test.fn", "func": "tick", "arguments": {"name": "%s"}}}]}""".formatted(counter);
        // Kubernetes.libraryFactory(), with this EKS endpoint and these credentials.
        FunctionLibraryFactory kubernetes = (configuration, env, runtime) -> new KubernetesLibrary(
                () -> connector(eksEndpoint).connect(configuration, env).client(), Guardrails.from(env, runtime));
        Engine engine = new Engine(EngineOptions.of(Map.of(), List.of(kubernetes, TestFunctions.factory())));
        var prepared = engine.prepare(ExperimentLoader.parse(experiment, ExperimentLoader.Format.JSON),
                Overrides.NONE, true);
        return engine.run(prepared, new RunSettings(null, RollbackStrategy.ALWAYS, HypothesisStrategy.DEFAULT, 1.0,
                false, null, Duration.ZERO), RunListener.NONE, new RunControl(), "eks-faults");
    }

    private static String signedAt(String token) {
        return query(decode(token)).get("X-Amz-Date");
    }

    private static String accessKey(String token) {
        return query(decode(token)).get("X-Amz-Credential").split("/")[0];
    }

    /**
     * A well-formed CA certificate, base64 of its PEM, as DescribeCluster returns one. The API server here
     * speaks plain HTTP, so any will do: the first of the JDK's trust store.
     */
    private static String anyCertificate() {
        try {
            KeyStore store = KeyStore.getInstance(Path.of(System.getProperty("java.home"), "lib", "security",
                    "cacerts").toFile(), (char[]) null);
            Certificate certificate = store.getCertificate(store.aliases().nextElement());
            String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
            return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new AssertionError("cannot read the JDK's trust store", e);
        }
    }

    /** The caller's AWS keys: {@link #OLD_KEYS} until rotated, then {@link #NEW_KEYS}; counts resolutions. */
    private static final class Keys implements AwsCredentialsProvider {
        final AtomicInteger resolved = new AtomicInteger();
        private volatile AwsCredentials current = OLD_KEYS;

        void rotate() {
            current = NEW_KEYS;
        }

        @Override
        public AwsCredentials resolveCredentials() {
            resolved.incrementAndGet();
            return current;
        }
    }

    /**
     * The cluster's API server: lists two pods (and accepts any other request under them) to a caller whose token
     * was signed, by a trusted key, less than 15 minutes ago on the test clock, as EKS does; answers 401
     * otherwise. Notes each token it accepted or refused.
     */
    private final class ClusterApi implements AutoCloseable {
        private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
        final List<String> accepted = new CopyOnWriteArrayList<>();
        final List<String> refused = new CopyOnWriteArrayList<>();
        /** Each request as "METHOD accepted|refused". */
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile Set<String> trusted = Set.of(OLD_KEYS.accessKeyId(), NEW_KEYS.accessKeyId());
        private final HttpServer server;

        ClusterApi() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            server.createContext("/api/v1/namespaces/shop/pods", this::answer);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void answer(HttpExchange exchange) throws IOException {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String token = authorization == null ? "" : authorization.substring("Bearer ".length());
            boolean alive = token.startsWith("k8s-aws-v1.") && trusted.contains(accessKey(token))
                    && clock.instant().isBefore(LocalDateTime.parse(signedAt(token), AMZ_DATE)
                            .toInstant(ZoneOffset.UTC).plus(Duration.ofMinutes(15)));
            (alive ? accepted : refused).add(token);
            calls.add(exchange.getRequestMethod() + (alive ? " accepted" : " refused"));
            byte[] body = (alive ? """
                    {"apiVersion": "v1", "kind": "PodList", "metadata": {}, "items": [
                     {"metadata": {"name": "web-1", "namespace": "shop", "labels": {"app": "web"}}},
                     {"metadata": {"name": "web-2", "namespace": "shop", "labels": {"app": "web"}}}]}"""
                    : """
                    {"apiVersion": "v1", "kind": "Status", "status": "Failure", "message": "Unauthorized",
                     "reason": "Unauthorized", "code": 401}""").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(alive ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
