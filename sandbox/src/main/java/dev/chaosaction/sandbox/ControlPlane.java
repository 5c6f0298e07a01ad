package dev.chaosaction.sandbox;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real Kubernetes control plane on 127.0.0.1, from the binaries {@code kube/build.sh} builds: etcd,
 * kube-apiserver, kube-controller-manager, kube-scheduler, and kwok playing the nodes' kubelets (pods get
 * scheduled, become Ready, and stay Terminating for their grace period when deleted). The API server serves
 * TLS with the certificate it generates itself; clients authenticate with a bearer token in the
 * {@code system:masters} group. Everything lives in a temporary directory that {@link #close()} removes.
 */
public final class ControlPlane implements AutoCloseable {
    /** What the fake nodes offer; enough for a thousand pods on a few of them. */
    private static final Map<String, Quantity> CAPACITY = Map.of("cpu", new Quantity("64"),
            "memory", new Quantity("256Gi"), "pods", new Quantity("1000"));
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path bin;
    private final Path dir;
    private final String token = token();
    private final List<Process> processes = new ArrayList<>();
    private String server;
    private Path kubeconfig;
    private KubernetesClient client;

    /** Stops the processes if the JVM ends without {@link #close()}: they would outlive it otherwise. */
    private final Thread stopAtExit = new Thread(this::stopProcesses, "control-plane-stop");

    private ControlPlane(Path bin) throws IOException {
        this.bin = bin;
        this.dir = Files.createTempDirectory("chaos-kube-");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    private static String token() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Starts the control plane from {@code bin} with {@code nodes} fake nodes named {@code kwok-node-1, ...} and
     * waits until the API server is ready and the nodes are Ready.
     *
     * @throws IllegalStateException when a part does not start; the message names it and ends with its log
     */
    public static ControlPlane start(Path bin, int nodes) {
        ControlPlane plane;
        try {
            plane = new ControlPlane(bin);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the control plane's directory", e);
        }
        try {
            plane.boot(nodes);
            return plane;
        } catch (IOException | RuntimeException e) {
            plane.close();
            throw e instanceof IOException io ? new UncheckedIOException("cannot start the control plane", io)
                    : (RuntimeException) e;
        }
    }

    /** The kubeconfig for an administrator (token, the server's CA inline, namespace {@code default}). */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The API server's URL, {@code https://127.0.0.1:PORT}. */
    public String server() {
        return server;
    }

    /** An administrator's client, owned by the control plane (closed with it). */
    public KubernetesClient client() {
        return client;
    }

    /** Adds a fake node that kwok keeps Ready; {@code labels} come on top of the usual node labels. */
    public Node addNode(String name, Map<String, String> labels) {
        Node node = new NodeBuilder().withNewMetadata().withName(name)
                .addToAnnotations("kwok.x-k8s.io/node", "fake")
                .addToLabels("kubernetes.io/hostname", name).addToLabels("kubernetes.io/os", "linux")
                .addToLabels("type", "kwok").addToLabels(labels).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().withCapacity(CAPACITY).withAllocatable(CAPACITY).endStatus()
                .build();
        return client.nodes().resource(node).create();
    }

    /** Whether the node's Ready condition is True. */
    public boolean nodeReady(String name) {
        Node node = client.nodes().withName(name).get();
        return node != null && node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private void boot(int nodes) throws IOException {
        writeSecrets();
        int etcdPort = freePort();
        String etcd = "http://127.0.0.1:" + etcdPort;
        String peer = "http://127.0.0.1:" + freePort();
        spawn("etcd", "--name=chaos", "--data-dir=" + dir.resolve("etcd"), "--listen-client-urls=" + etcd,
                "--advertise-client-urls=" + etcd, "--listen-peer-urls=" + peer,
                "--initial-advertise-peer-urls=" + peer, "--initial-cluster=chaos=" + peer,
                "--listen-metrics-urls=", "--unsafe-no-fsync", "--log-level=warn");
        HttpClient plain = HttpClient.newHttpClient();
        awaitPart("etcd", () -> ok(plain, HttpRequest.newBuilder(URI.create(etcd + "/health")).build()));

        int port = freePort();
        server = "https://127.0.0.1:" + port;
        spawn("kube-apiserver", "--etcd-servers=" + etcd, "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1", "--endpoint-reconciler-type=none", "--secure-port=" + port, "--cert-dir=" + dir.resolve("pki"),
                "--token-auth-file=" + dir.resolve("tokens.csv"), "--authorization-mode=RBAC",
                "--service-account-issuer=https://kubernetes.default.svc",
                "--service-account-key-file=" + dir.resolve("sa.pub"),
                "--service-account-signing-key-file=" + dir.resolve("sa.key"),
                "--service-cluster-ip-range=10.96.0.0/16",
                // Pods need no service account here: no kubelet mounts a token, and waiting for the
                // controller to create each namespace's "default" one would only slow tests down.
                "--disable-admission-plugins=ServiceAccount");
        Path cert = dir.resolve("pki/apiserver.crt");
        // The server writes its key after its certificate: once the key is there, the certificate is whole.
        awaitPart("kube-apiserver (certificate)", () -> Files.isRegularFile(dir.resolve("pki/apiserver.key")));
        HttpClient tls = HttpClient.newBuilder().sslContext(trusting(cert)).build();
        HttpRequest readyz = HttpRequest.newBuilder(URI.create(server + "/readyz"))
                .header("Authorization", "Bearer " + token).build();
        awaitPart("kube-apiserver", () -> ok(tls, readyz));

        kubeconfig = writeKubeconfig(Files.readString(cert));
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
                .build();
        spawn("kube-controller-manager", "--kubeconfig=" + kubeconfig, "--leader-elect=false",
                "--secure-port=0", "--use-service-account-credentials=false",
                "--service-account-private-key-file=" + dir.resolve("sa.key"),
                // A thousand pods should be created, and their nodes judged, at the cluster's pace, not the
                // default client rate of 20 requests a second; fake nodes heartbeat on their own schedule.
                "--kube-api-qps=500", "--kube-api-burst=1000", "--node-monitor-grace-period=2m");
        spawn("kube-scheduler", "--config=" + writeSchedulerConfig(), "--secure-port=0");
        spawn("kwok", "--kubeconfig=" + kubeconfig, "--config=" + bin.resolve("kwok.yaml"),
                "--manage-all-nodes=true", "--cidr=10.244.0.1/16", "--node-ip=10.0.0.1",
                "--node-lease-duration-seconds=40", "--server-address=");
        for (int i = 1; i <= nodes; i++) addNode("kwok-node-" + i, Map.of());
        awaitPart("kwok (nodes Ready)", () -> {
            for (int i = 1; i <= nodes; i++) if (!nodeReady("kwok-node-" + i)) return false;
            return true;
        });
    }

    /** The service-account signing key and the token file, both made here. */
    private void writeSecrets() throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            writePrivate(dir.resolve("sa.key"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(dir.resolve("sa.pub"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the service-account key", e);
        }
        writePrivate(dir.resolve("tokens.csv"), token + ",chaos-admin,chaos-admin,\"system:masters\"\n");
    }

    private Path writeKubeconfig(String caBundle) throws IOException {
        String ca = Base64.getEncoder().encodeToString(caBundle.getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("kubeconfig");
        writePrivate(file, String.join("\n",
                "apiVersion: v1", "kind: Config", "current-context: chaos-kube",
                "clusters:", "- name: chaos-kube", "  cluster:", "    server: " + server,
                "    certificate-authority-data: " + ca,
                "users:", "- name: chaos-admin", "  user:", "    token: " + token,
                "contexts:", "- name: chaos-kube", "  context:", "    cluster: chaos-kube", "    user: chaos-admin",
                "    namespace: default", ""));
        return file;
    }

    private Path writeSchedulerConfig() throws IOException {
        Path file = dir.resolve("scheduler.yaml");
        Files.writeString(file, String.join("\n",
                "apiVersion: kubescheduler.config.k8s.io/v1", "kind: KubeSchedulerConfiguration",
                "clientConnection:", "  kubeconfig: " + kubeconfig, "  qps: 500", "  burst: 1000",
                "leaderElection:", "  leaderElect: false", ""));
        return file;
    }

    private synchronized void spawn(String program, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(bin.resolve(program).toString()));
        command.addAll(List.of(args));
        Path log = dir.resolve(program + ".log");
        processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    private void awaitPart(String part, BooleanSupplier ready) {
        if (Sandbox.await(START_TIMEOUT, () -> exited() == null && ready.getAsBoolean())) return;
        Process dead = exited();
        String program = part.split(" ")[0];
        throw new IllegalStateException(program + (dead != null ? " exited with " + dead.exitValue()
                : " was not ready within " + START_TIMEOUT.toSeconds() + " s") + "; its log ends:\n"
                + logTail(program));
    }

    private Process exited() {
        return processes.stream().filter(p -> !p.isAlive()).findFirst().orElse(null);
    }

    private String logTail(String program) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(program + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static boolean ok(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Trusts the certificates in {@code pem}: the API server's own, and the CA it made for it. */
    private static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("cert-" + i++, c);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the API server's certificate " + pem, e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops the parts in the reverse order of their start and removes the directory. */
    @Override
    public void close() {
        if (client != null) client.close();
        stopProcesses();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException alreadyExiting) {
            // the hook is running or has run
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is no reason to fail a run that is over
        }
    }

    /** One at a time, newest first: the API server shuts down slowly once etcd is gone. */
    private synchronized void stopProcesses() {
        for (Process p : processes.reversed()) {
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }
}
