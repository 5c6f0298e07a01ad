package dev.chaosaction.function;

import dev.chaosaction.testing.Peers;
import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The function as Lambda runs it: the Runtime Interface Emulator ({@code aws-lambda-rie}, from
 * {@code CHAOS_TOOLS_BIN}) starting a JVM with the function's class path and the Runtime Interface Client, whose
 * {@code AWSLambda} main loads the handler that {@code template.yaml} names and serves invocations through the
 * Runtime API. Only what the emulator is given reaches the function: a clean environment plus {@code env}.
 */
final class LambdaRuntime implements AutoCloseable {
    static final String HANDLER = "dev.chaosaction.function.ChaosHandler::handleRequest";
    private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** How the managed Java runtime hands CRaC hooks registered through org.crac to the RIC's own context. */
    private static final String CRAC_COMPAT = "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";

    private final Process process;
    private final Path log;
    private final int port;

    /**
     * @param env        the function's variables (besides what the emulator sets)
     * @param jvmOptions more options for the function's JVM
     * @param rieOptions more options for the emulator ({@code --enable-init-caching})
     */
    LambdaRuntime(Map<String, String> env, List<String> jvmOptions, List<String> rieOptions) throws IOException {
        port = Peers.freeLoopbackPort();
        log = Files.createTempFile("rie-", ".log");
        List<String> command = new ArrayList<>(List.of(Peers.tool("aws-lambda-rie").toString(),
                "--runtime-interface-emulator-address", "127.0.0.1:" + port,
                "--runtime-api-address", "127.0.0.1:" + Peers.freeLoopbackPort()));
        command.addAll(rieOptions);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), CRAC_COMPAT,
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), RIC_MAIN, HANDLER));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().putAll(env);
        process = builder.start();
        awaitListening();
    }

    /** The function's jar contents (its classes and runtime dependencies) and the runtime's own jars. */
    private static String classPath() throws IOException {
        List<String> entries = new ArrayList<>(List.of(Path.of("target", "classes").toAbsolutePath().toString()));
        entries.addAll(List.of(Files.readString(Path.of("target", "runtime.classpath")).strip().split(File.pathSeparator)));
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("aws-lambda-java-runtime-interface-client") || e.contains("aws-lambda-java-serialization"))
                .forEach(entries::add);
        return String.join(File.pathSeparator, entries);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** POSTs {@code payload} to the emulator's Invoke path; the answer's status and body. */
    HttpResponse<String> invoke(String payload) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint().resolve("/2015-03-31/functions/function/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the invocation and does not wait for its answer. */
    CompletableFuture<HttpResponse<String>> invokeAsync(String payload) {
        HttpRequest request = HttpRequest.newBuilder(endpoint().resolve("/2015-03-31/functions/function/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The log once it holds {@code text}; polled for at most two minutes (a loaded machine starts JVMs slowly). */
    String awaitLog(String text) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 1200; attempt++) {
            String log = log();
            if (log.contains(text)) return log;
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' in the runtime's log:\n" + log());
    }

    /** What the emulator and the function printed so far. */
    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.waitFor();
        Files.deleteIfExists(log);
    }

    private void awaitListening() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            if (!process.isAlive()) throw new IllegalStateException("aws-lambda-rie exited: " + log());
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("aws-lambda-rie is not listening on " + port + ": " + log());
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
