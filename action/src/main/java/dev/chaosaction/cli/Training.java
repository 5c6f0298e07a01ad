package dev.chaosaction.cli;

import com.sun.net.httpserver.HttpServer;
import dev.chaosaction.kubernetes.Kubernetes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training runs behind the JVM's AOT caches ({@code bin/chaos} makes them on first use). The JVM loads every
 * class a training loaded at each start of a run with its cache, so a training loads what a run of its kind
 * loads and nothing else: the endpoints it calls are served by another process.
 * <ul>
 *   <li>{@code Training serve}: serves {@code /health} on the loopback interface and prints
 *       {@code export CHAOS_BASE_URL=...}, and an https endpoint answering pod lists
 *       ({@link TlsTrainingEndpoint}, {@code export CHAOS_TLS_KUBECONFIG=...}), until its standard input
 *       closes;</li>
 *   <li>{@code Training}: validates a JSON experiment and runs it (an HTTP probe of
 *       {@code $CHAOS_BASE_URL/health} before and after a process action), writing its journal;</li>
 *   <li>{@code Training kubernetes}: runs the brief's pod-termination experiment against the cluster of
 *       {@code KUBECONFIG} and the endpoint of {@code CHAOS_BASE_URL} ({@code chaos sandbox}, started as a
 *       process of its own, prints both), then a pod list through the kubeconfig of {@code CHAOS_TLS_KUBECONFIG} when set (TLS),
 *       then {@link Kubernetes#prime}.</li>
 * </ul>
 * A YAML experiment is not among them: the YAML loader's 150 classes would cost every run's start 1.7 MiB, and a
 * YAML run loads them from the jar.
 * Without {@code CHAOS_BASE_URL} the endpoint is served in this process (its classes then join the cache).
 * Nothing but these endpoints and a temporary directory is touched.
 */
public final class Training {
    private static final String EXPERIMENT = """
            {"title": "training", "description": "what a typical run loads",
             "configuration": {"base": {"type": "env", "key": "CHAOS_BASE_URL"}},
             "steady-state-hypothesis": {"title": "the service answers", "probes": [
               {"type": "probe", "name": "health", "tolerance": 200,
                "provider": {"type": "http", "url": "${base}/health", "timeout": 5}}]},
             "method": [{"type": "action", "name": "nothing", "provider": {"type": "process", "path": "true"}}]}
            """;
    /** examples/terminate-pod.json without its pause. */
    private static final String KUBERNETES_EXPERIMENT = """
            {"title": "training", "description": "one pod terminated",
             "configuration": {"base_url": {"type": "env", "key": "CHAOS_BASE_URL"},
                               "namespace": {"type": "env", "key": "CHAOS_NAMESPACE", "default": "shop"}},
             "steady-state-hypothesis": {"title": "up, and the nodes take pods", "probes": [
               {"type": "probe", "name": "health", "provider": {"type": "http", "url": "${base_url}/health", "timeout": 3},
                "tolerance": {"type": "jsonpath", "path": "$.status", "expect": "UP", "target": "body"}},
               {"type": "probe", "name": "nodes", "tolerance": true, "provider": {"type": "python",
                "module": "chaosk8s.node.probes", "func": "all_nodes_must_be_ready_to_schedule"}}]},
             "method": [{"type": "action", "name": "terminate", "provider": {"type": "python",
               "module": "chaosk8s.pod.actions", "func": "terminate_pods",
               "arguments": {"label_selector": "app=web", "ns": "${namespace}", "rand": true, "qty": 1}}}]}
            """;

    /** A pod list from the https endpoint of {@code Training serve} ({@link TlsTrainingEndpoint}). */
    private static final String TLS_EXPERIMENT = """
            {"title": "training", "description": "a pod list over TLS",
             "configuration": {"kubeconfig": "KUBECONFIG_PATH"},
             "method": [{"type": "probe", "name": "pods", "provider": {"type": "python",
               "module": "chaosk8s.pod.probes", "func": "count_pods",
               "arguments": {"label_selector": "app=web", "ns": "shop"}}}]}
            """;

    /** What the trainings write into their directory. */
    private static final List<String> FILES = List.of("experiment.json", "kill.json", "tls.json", "journal.json");

    private Training() {}

    public static void main(String[] args) throws IOException {
        String mode = args.length == 0 ? "" : args[0];
        if (mode.equals("serve")) {
            serve();
            return;
        }
        HttpServer own = System.getenv("CHAOS_BASE_URL") == null ? health() : null;
        Path dir = Files.createTempDirectory("chaos-training");
        PrintStream err = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        try {
            List<String> journal = List.of("run", "--journal-path", dir.resolve("journal.json").toString());
            int codes = mode.equals("kubernetes") ? trainKubernetes(dir, journal) : trainCommon(dir, journal, own);
            if (codes != 0) err.println("the training run did not go as planned (exit codes " + codes + ")");
        } finally {
            System.setErr(err);
            if (own != null) own.stop(0);
            // File by file: a tree walk's streams would join the cache.
            for (String file : FILES) Files.deleteIfExists(dir.resolve(file));
            try {
                Files.delete(dir);
            } catch (IOException e) {
                err.println("left " + dir + " behind: " + e);
            }
        }
    }

    private static int trainCommon(Path dir, List<String> journal, HttpServer own) throws IOException {
        String experiment = own == null ? EXPERIMENT : EXPERIMENT.replace("{\"type\": \"env\", \"key\": \"CHAOS_BASE_URL\"}",
                "\"http://127.0.0.1:" + own.getAddress().getPort() + "\"");
        Path json = Files.writeString(dir.resolve("experiment.json"), experiment);
        return Chaos.execute("validate", json.toString())
                + Chaos.execute(run(journal, json));
    }

    /**
     * The pod termination against the sandbox, then {@link Kubernetes#prime}: the sandbox speaks http, real
     * clusters https, and the priming builds its client for an https server (TLS context and trust managers, a
     * bearer token), so the cache holds that set-up too. The priming sends nothing.
     */
    private static int trainKubernetes(Path dir, List<String> journal) throws IOException {
        int codes = Chaos.execute(run(journal, Files.writeString(dir.resolve("kill.json"), KUBERNETES_EXPERIMENT)));
        String tls = System.getenv("CHAOS_TLS_KUBECONFIG");
        if (tls != null) {
            codes += Chaos.execute(run(journal, Files.writeString(dir.resolve("tls.json"),
                    TLS_EXPERIMENT.replace("KUBECONFIG_PATH", tls.replace("\\", "\\\\").replace("\"", "\\\"")))));
        }
        Kubernetes.prime();
        return codes;
    }

    private static String[] run(List<String> journal, Path experiment) {
        List<String> args = new ArrayList<>(journal);
        args.add(experiment.toString());
        return args.toArray(String[]::new);
    }

    /**
     * Serves {@code /health}, and the https endpoint of {@link TlsTrainingEndpoint} when a key can be made, until
     * standard input closes (the training's caller ends it so).
     */
    private static void serve() throws IOException {
        Path dir = Files.createTempDirectory("chaos-training-tls");
        TlsTrainingEndpoint tls = null;
        try {
            tls = TlsTrainingEndpoint.start(dir);
            System.out.println("export CHAOS_TLS_KUBECONFIG=" + tls.kubeconfig());
        } catch (IOException | GeneralSecurityException | InterruptedException | RuntimeException e) {
            System.err.println("no https endpoint to train on: " + e.getMessage());
        }
        HttpServer server = health();
        System.out.println("export CHAOS_BASE_URL=http://127.0.0.1:" + server.getAddress().getPort());
        System.out.flush();
        System.in.transferTo(OutputStream.nullOutputStream());
        server.stop(0);
        if (tls != null) tls.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static HttpServer health() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] up = "{\"status\": \"UP\"}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/health", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, up.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(up);
            }
        });
        server.start();
        return server;
    }
}
