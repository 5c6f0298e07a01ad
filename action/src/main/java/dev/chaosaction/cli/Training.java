package dev.chaosaction.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training run behind the JVM's AOT cache ({@code bin/chaos} builds the cache with it on first use): what a
 * typical {@code chaos} invocation loads, without touching anything but this process and a temporary directory.
 * A JSON and a YAML experiment are validated, and the JSON one is run: its steady state probes an HTTP endpoint
 * this process serves on the loopback interface, its method runs {@code true}, and its journal is written.
 */
public final class Training {
    private static final String EXPERIMENT = """
            {"title": "training", "description": "what a typical run loads",
             "configuration": {"base": "%s"},
             "steady-state-hypothesis": {"title": "the service answers", "probes": [
               {"type": "probe", "name": "health", "tolerance": 200,
                "provider": {"type": "http", "url": "${base}/health", "timeout": 5}}]},
             "method": [{"type": "action", "name": "nothing", "provider": {"type": "process", "path": "true"}}]}
            """;
    private static final String YAML_EXPERIMENT = """
            title: training
            description: the YAML loader
            method:
              - type: action
                name: nothing
                provider: {type: process, path: "true"}
            """;

    private Training() {}

    public static void main(String[] args) throws IOException {
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
        Path dir = Files.createTempDirectory("chaos-training");
        PrintStream err = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Path json = Files.writeString(dir.resolve("experiment.json"), EXPERIMENT.formatted(base));
            Path yaml = Files.writeString(dir.resolve("experiment.yaml"), YAML_EXPERIMENT);
            int codes = Chaos.execute("validate", yaml.toString()) + Chaos.execute("validate", json.toString())
                    + Chaos.execute("run", "--journal-path", dir.resolve("journal.json").toString(), json.toString());
            if (codes != 0) err.println("the training run did not go as planned (exit codes " + codes + ")");
        } finally {
            System.setErr(err);
            server.stop(0);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
