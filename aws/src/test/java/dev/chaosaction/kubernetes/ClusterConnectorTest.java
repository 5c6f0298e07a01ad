package dev.chaosaction.kubernetes;

import static dev.chaosaction.aws.eks.EksTokenTest.CREDENTIALS;
import static dev.chaosaction.aws.eks.EksTokenTest.SIGNED_AT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.chaosaction.aws.eks.EksClusterTest.EksEndpoint;
import dev.chaosaction.aws.eks.Eks;
import dev.chaosaction.aws.eks.EksConnector;
import dev.chaosaction.aws.eks.EksToken;
import dev.chaosaction.kubernetes.ClusterConnector.Connection;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class ClusterConnectorTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    static KubernetesMockServer cluster;
    static Path keyStore;
    /** base64 of the PEM certificate the local API server presents, as kubeconfig and EKS carry a CA. */
    static String caBase64;

    @TempDir
    Path dir;
    final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void startCluster(@TempDir Path tls) throws Exception {
        cluster = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        cluster.init(InetAddress.getByName("127.0.0.1"), 0);
        try (var seed = cluster.createClient()) {
            seed.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata()
                    .build()).create();
            seed.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("cart-1")
                    .endMetadata().build()).create();
        }
        keyStore = tls.resolve("api.p12");
        keytool("-genkeypair", "-alias", "api", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit");
        Certificate certificate = loadKeyStore().getCertificate("api");
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        caBase64 = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    @AfterAll
    static void stopCluster() {
        cluster.destroy();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) c.close();
    }

    // --- sources --------------------------------------------------------------------------------------------

    @Test
    void kubeconfigFromConfigurationWithItsContext() throws IOException {
        Path kubeconfig = kubeconfig("elsewhere");

        Connection connection = connect(new ClusterConnector(unusedEks(), noServiceAccount()),
                Map.of("kubeconfig", kubeconfig.toString(), "kubernetes_context", "mock"), Map.of());

        assertEquals("kubeconfig " + kubeconfig + " (context mock)", connection.source());
        assertEquals(List.of("shop"), names(connection.client().namespaces().list().getItems()));
        assertEquals(List.of("cart-1"), names(connection.client().pods().inNamespace("shop").list().getItems()));
    }

    @Test
    void kubeconfigFromEnvironmentTakesTheFirstListedFile() throws IOException {
        Path kubeconfig = kubeconfig("elsewhere");

        Connection connection = connect(new ClusterConnector(unusedEks(), noServiceAccount()), Map.of(),
                Map.of("KUBECONFIG", kubeconfig + File.pathSeparator + "/nonexistent/config",
                        "KUBERNETES_CONTEXT", "mock"));

        assertEquals("kubeconfig " + kubeconfig + " (context mock)", connection.source());
        assertEquals(List.of("shop"), names(connection.client().namespaces().list().getItems()));
    }

    @Test
    void kubeconfigUsesItsCurrentContextWhenNoneIsNamed() throws IOException {
        Path kubeconfig = kubeconfig("mock");

        Connection connection = connect(new ClusterConnector(unusedEks(), noServiceAccount()),
                Map.of("kubeconfig", kubeconfig.toString()), Map.of());

        assertEquals("kubeconfig " + kubeconfig + " (context mock)", connection.source());
        assertEquals(List.of("cart-1"), names(connection.client().pods().inNamespace("shop").list().getItems()));
    }

    @Test
    void configurationWinsOverEnvironment() throws IOException {
        Path kubeconfig = kubeconfig("elsewhere");

        Connection connection = connect(new ClusterConnector(unusedEks(), noServiceAccount()),
                Map.of("kubeconfig", kubeconfig.toString(), "kubernetes_context", "mock"),
                Map.of("KUBECONFIG", "/nonexistent/config", "KUBERNETES_CONTEXT", "elsewhere"));

        assertEquals("kubeconfig " + kubeconfig + " (context mock)", connection.source());
    }

    @Test
    void kubeconfigPathMayStartAtHome() throws IOException {
        Path kubeconfig = kubeconfig("mock");

        Connection connection = connect(new ClusterConnector(unusedEks(), noServiceAccount()),
                Map.of("kubeconfig", "~/" + kubeconfig.getFileName()), Map.of("HOME", dir.toString()));

        assertEquals("kubeconfig " + kubeconfig + " (context mock)", connection.source());
    }

    @Test
    void eksClusterEndToEndOverVerifiedTls() throws Exception {
        ApiServer api = apiServer();
        EksEndpoint eks = eks("prod", api.url());

        Connection connection = connect(eksConnector(eks), Map.of("eks_cluster_name", "prod",
                "aws_region", "eu-west-1"), Map.of());

        assertEquals("eks cluster prod in eu-west-1", connection.source());
        assertEquals(List.of("shop"), names(connection.client().namespaces().list().getItems()));
        assertEquals(List.of("/clusters/prod"), eks.calls.stream().map(EksEndpoint.Call::path).toList());
        assertEquals(List.of("Bearer " + EksToken.create("prod", Region.EU_WEST_1, CREDENTIALS, SIGNED_AT)),
                api.authorizations);
    }

    @Test
    void eksClusterFromEnvironment() throws Exception {
        ApiServer api = apiServer();
        EksEndpoint eks = eks("staging", api.url());

        Connection connection = connect(eksConnector(eks), Map.of(),
                Map.of("EKS_CLUSTER_NAME", "staging", "AWS_REGION", "us-east-2"));

        assertEquals("eks cluster staging in us-east-2", connection.source());
        connection.client().namespaces().list();
        assertEquals(List.of("Bearer " + EksToken.create("staging", Region.US_EAST_2, CREDENTIALS, SIGNED_AT)),
                api.authorizations);
    }

    @Test
    void eksClusterWithoutRegionSaysSoBeforeCallingAws() throws IOException {
        EksEndpoint eks = eks("prod", "https://127.0.0.1:1");

        var e = assertThrows(ClusterConnectionException.class, () -> connect(eksConnector(eks),
                Map.of("eks_cluster_name", "prod"), Map.of()));

        assertEquals("EKS cluster 'prod': no AWS region; set the configuration key aws_region or AWS_REGION",
                e.getMessage());
        assertEquals(List.of(), eks.calls);
    }

    @Test
    void inClusterServiceAccountRereadsItsToken() throws Exception {
        ApiServer api = apiServer();
        Path serviceAccount = serviceAccount("token-1");

        Connection connection = connect(new ClusterConnector(unusedEks(), serviceAccount), Map.of(),
                Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT", api.port()));
        connection.client().namespaces().list();
        Files.writeString(serviceAccount.resolve("token"), "token-2\n");
        connection.client().namespaces().list();

        assertEquals("in-cluster service account (https://127.0.0.1:" + api.port() + ")", connection.source());
        assertEquals(List.of("Bearer token-1", "Bearer token-2"), api.authorizations);
    }

    @Test
    void defaultKubeconfigWhenNothingElseApplies() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home/.kube"));
        Path kubeconfig = Files.copy(kubeconfig("mock"), home.resolve("config"));

        Connection connection = connect(new ClusterConnector(unusedEks(), noServiceAccount()), Map.of(),
                Map.of("HOME", dir.resolve("home").toString()));

        assertEquals("default kubeconfig " + kubeconfig + " (context mock)", connection.source());
        assertEquals(List.of("shop"), names(connection.client().namespaces().list().getItems()));
    }

    // --- precedence -----------------------------------------------------------------------------------------

    @Test
    void kubeconfigComesBeforeEks() throws IOException {
        Path kubeconfig = kubeconfig("mock");
        EksEndpoint eks = eks("prod", "https://127.0.0.1:1");

        Connection connection = connect(eksConnector(eks), Map.of("eks_cluster_name", "prod"),
                Map.of("KUBECONFIG", kubeconfig.toString(), "AWS_REGION", "eu-west-1"));

        assertEquals("kubeconfig " + kubeconfig + " (context mock)", connection.source());
        assertEquals(List.of(), eks.calls);
    }

    @Test
    void eksComesBeforeInClusterAndDefaultKubeconfig() throws IOException {
        EksEndpoint eks = eks("prod", "https://127.0.0.1:1");
        Files.copy(kubeconfig("mock"), Files.createDirectories(dir.resolve("home/.kube")).resolve("config"));

        Connection connection = connect(new ClusterConnector(eksConnector(eks), serviceAccount("token-1")),
                Map.of(), Map.of("EKS_CLUSTER_NAME", "prod", "AWS_REGION", "eu-west-1",
                        "KUBERNETES_SERVICE_HOST", "10.0.0.1", "HOME", dir.resolve("home").toString()));

        assertEquals("eks cluster prod in eu-west-1", connection.source());
    }

    @Test
    void inClusterComesBeforeDefaultKubeconfig() throws IOException {
        Files.copy(kubeconfig("mock"), Files.createDirectories(dir.resolve("home/.kube")).resolve("config"));

        Connection connection = connect(new ClusterConnector(unusedEks(), serviceAccount("token-1")), Map.of(),
                Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "HOME", dir.resolve("home").toString()));

        assertEquals("in-cluster service account (https://10.0.0.1:443)", connection.source());
    }

    @Test
    void serviceHostWithoutTokenIsNotInCluster() {
        var e = assertThrows(ClusterConnectionException.class, () -> connect(
                new ClusterConnector(unusedEks(), noServiceAccount()), Map.of(),
                Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "HOME", dir.toString())));

        assertEquals("no Kubernetes cluster to connect to: set the configuration key kubeconfig or KUBECONFIG,"
                + " or eks_cluster_name or EKS_CLUSTER_NAME, run in a pod with a service account, or create "
                + dir.resolve(".kube/config"), e.getMessage());
    }

    // --- named but unusable ---------------------------------------------------------------------------------

    @Test
    void missingKubeconfigFailsRatherThanFallingThrough() {
        var e = assertThrows(ClusterConnectionException.class, () -> connect(
                new ClusterConnector(unusedEks(), noServiceAccount()), Map.of("kubeconfig", "/nonexistent/config"),
                Map.of("EKS_CLUSTER_NAME", "prod")));

        assertEquals("kubeconfig /nonexistent/config does not exist", e.getMessage());
    }

    @Test
    void unknownContextListsTheContextsThere() throws IOException {
        Path kubeconfig = kubeconfig("mock");

        var e = assertThrows(ClusterConnectionException.class, () -> connect(
                new ClusterConnector(unusedEks(), noServiceAccount()), Map.of("kubernetes_context", "prod"),
                Map.of("KUBECONFIG", kubeconfig.toString())));

        assertEquals("kubeconfig " + kubeconfig + " has no context 'prod' (contexts: mock, elsewhere)",
                e.getMessage());
    }

    @Test
    void kubeconfigWithoutCurrentContextAsksForOne() throws IOException {
        Path kubeconfig = kubeconfig("");

        var e = assertThrows(ClusterConnectionException.class, () -> connect(
                new ClusterConnector(unusedEks(), noServiceAccount()), Map.of("kubeconfig", kubeconfig.toString()),
                Map.of()));

        assertEquals("kubeconfig " + kubeconfig + " names no current context; set kubernetes_context or"
                + " KUBERNETES_CONTEXT (contexts: mock, elsewhere)", e.getMessage());
    }

    @Test
    void emptyKubeconfigIsNamed() throws IOException {
        Path kubeconfig = Files.writeString(dir.resolve("empty.yaml"), "");

        var e = assertThrows(ClusterConnectionException.class, () -> connect(
                new ClusterConnector(unusedEks(), noServiceAccount()), Map.of("kubeconfig", kubeconfig.toString()),
                Map.of()));

        assertEquals("kubeconfig " + kubeconfig + " is not a valid kubeconfig", e.getMessage());
    }

    // --- TLS ------------------------------------------------------------------------------------------------

    @Test
    void untrustedCertificateIsRefusedUnlessTheExperimentSkipsVerification() throws Exception {
        ApiServer api = apiServer();
        Path kubeconfig = Files.writeString(dir.resolve("tls.yaml"), """
                apiVersion: v1
                kind: Config
                current-context: tls
                clusters:
                - name: tls
                  cluster: {server: "%s"}
                contexts:
                - name: tls
                  context: {cluster: tls, user: tester}
                users:
                - name: tester
                  user: {token: kubeconfig-token}
                """.formatted(api.url()));
        ClusterConnector connector = new ClusterConnector(unusedEks(), noServiceAccount());

        Connection verified = connect(connector, Map.of("kubeconfig", kubeconfig.toString()), Map.of());
        var e = assertThrows(KubernetesClientException.class, () -> verified.client().namespaces().list());
        assertInstanceOf(SSLHandshakeException.class, rootOf(e, SSLHandshakeException.class), e.toString());
        assertEquals(List.of(), api.authorizations);

        Connection skipped = connect(connector, Map.of("kubeconfig", kubeconfig.toString(),
                "kubernetes_insecure_skip_tls_verify", true), Map.of());
        assertEquals(List.of("shop"), names(skipped.client().namespaces().list().getItems()));
        assertEquals(List.of("Bearer kubeconfig-token"), api.authorizations);
    }

    // --- start-up -------------------------------------------------------------------------------------------

    /**
     * The kubeconfig path must not load the AWS SDK, even with the adapters' EKS branch wired in: it is most of
     * the EKS path's start-up cost.
     */
    @Test
    void kubeconfigPathLoadsNoAwsClass() throws Exception {
        Path kubeconfig = kubeconfig("mock");
        List<String> aws = new CopyOnWriteArrayList<>();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader isolated = new RecordingLoader(aws)) {
            thread.setContextClassLoader(isolated); // fabric8 finds its model classes through it
            Class<?> connectorClass = isolated.loadClass(ClusterConnector.class.getName());
            Class<?> eksSource = isolated.loadClass(ClusterConnector.EksConfigSource.class.getName());
            Object eks = isolated.loadClass(Eks.class.getName()).getMethod("clusters").invoke(null);
            Object connector = connectorClass.getConstructor(eksSource, Path.class)
                    .newInstance(eks, noServiceAccount());
            Object connection = connectorClass.getMethod("connect", Map.class, Map.class)
                    .invoke(connector, Map.of("kubeconfig", kubeconfig.toString()), Map.of());
            Object client = connection.getClass().getMethod("client").invoke(connection);
            Object namespaces = isolated.loadClass("io.fabric8.kubernetes.client.KubernetesClient")
                    .getMethod("namespaces").invoke(client);
            isolated.loadClass("io.fabric8.kubernetes.client.dsl.Listable").getMethod("list").invoke(namespaces);
            connection.getClass().getMethod("close").invoke(connection);
            assertEquals(connectorClass.getClassLoader(), isolated, "the connector came from the isolated loader");
        } finally {
            thread.setContextClassLoader(previous);
        }
        assertEquals(List.of(), aws);
    }

    /** Loads the test class path itself (not from the application loader), noting each AWS class asked for. */
    static final class RecordingLoader extends URLClassLoader {
        private final List<String> aws;

        RecordingLoader(List<String> aws) throws IOException {
            super(classPath(), ClassLoader.getPlatformClassLoader());
            this.aws = aws;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("software.amazon.")) aws.add(name);
            return super.loadClass(name, resolve);
        }

        private static URL[] classPath() throws IOException {
            List<URL> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
            return urls.toArray(URL[]::new);
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private Connection connect(ClusterConnector connector, Map<String, Object> configuration,
                               Map<String, String> env) {
        Connection connection = connector.connect(configuration, env);
        open.add(connection);
        return connection;
    }

    private Connection connect(ClusterConnector.EksConfigSource eks, Map<String, Object> configuration,
                               Map<String, String> env) {
        return connect(new ClusterConnector(eks, noServiceAccount()), configuration, env);
    }

    /** Two contexts: {@code mock} reaches the mock cluster, {@code elsewhere} a port nothing listens on. */
    private Path kubeconfig(String currentContext) throws IOException {
        return Files.writeString(dir.resolve("kubeconfig-" + currentContext + ".yaml"), """
                apiVersion: v1
                kind: Config
                current-context: "%s"
                clusters:
                - name: mock
                  cluster: {server: "http://127.0.0.1:%d"}
                - name: elsewhere
                  cluster: {server: "https://127.0.0.1:1"}
                contexts:
                - name: mock
                  context: {cluster: mock, user: tester}
                - name: elsewhere
                  context: {cluster: elsewhere, user: tester}
                users:
                - name: tester
                  user: {token: kubeconfig-token}
                """.formatted(currentContext, cluster.getPort()));
    }

    private Path serviceAccount(String token) throws IOException {
        Path serviceAccount = Files.createDirectories(dir.resolve("serviceaccount"));
        Files.writeString(serviceAccount.resolve("token"), token + "\n");
        Files.write(serviceAccount.resolve("ca.crt"), Base64.getDecoder().decode(caBase64));
        return serviceAccount;
    }

    private Path noServiceAccount() {
        return dir.resolve("no-serviceaccount");
    }

    /** The EKS branch, for tests where it must not be taken. */
    private static ClusterConnector.EksConfigSource unusedEks() {
        return (cluster, region) -> {
            throw new AssertionError("EKS branch taken for " + cluster);
        };
    }

    private EksEndpoint eks(String name, String apiUrl) throws IOException {
        EksEndpoint eks = EksEndpoint.describing(name, apiUrl, caBase64);
        open.add(eks);
        return eks;
    }

    private static EksConnector eksConnector(EksEndpoint eks) {
        return new EksConnector(StaticCredentialsProvider.create(CREDENTIALS), eks.uri(),
                Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
    }

    /** A local API server answering the namespace list and noting each request's Authorization header. */
    record ApiServer(HttpsServer server, List<String> authorizations) implements AutoCloseable {
        String port() {
            return String.valueOf(server.getAddress().getPort());
        }

        String url() {
            return "https://127.0.0.1:" + port();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Over TLS with the certificate {@link #caBase64} describes. */
    private ApiServer apiServer() throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(sslContext()));
        ApiServer api = new ApiServer(server, new CopyOnWriteArrayList<>());
        server.createContext("/api/v1/namespaces", exchange -> answerNamespaces(exchange, api.authorizations()));
        server.start();
        open.add(api);
        return api;
    }

    private static void answerNamespaces(HttpExchange exchange, List<String> authorizations) throws IOException {
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] body = """
                {"apiVersion":"v1","kind":"NamespaceList","metadata":{},
                 "items":[{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop"}}]}"""
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static SSLContext sslContext() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(loadKeyStore(), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static KeyStore loadKeyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }

    private static List<String> names(List<? extends HasMetadata> items) {
        return items.stream().map(item -> item.getMetadata().getName()).toList();
    }

    private static Throwable rootOf(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return t;
        }
        return e;
    }
}
