package dev.chaosaction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.LocalServer.Reply;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as the Action's image ships it: without the sandbox module and what only it brings (the
 * fabric8 mock server, Vert.x, Netty, Bouncy Castle, Jackson 2; the list {@code -Dsandbox.scope=provided} drops).
 * It runs experiments and has no {@code sandbox} command.
 */
class WithoutSandboxTest {
    static final List<String> SANDBOX_ONLY = List.of("/sandbox/target/", "chaos-sandbox", "kubernetes-server-mock",
            "mockwebserver", "/io/vertx/", "/io/netty/", "/org/bouncycastle/", "/com/fasterxml/jackson/core/");

    @TempDir
    Path dir;

    private record Run(int exit, String out) {}

    private Run chaos(String... args) throws Exception {
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> SANDBOX_ONLY.stream().noneMatch(entry::contains))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", classPath, Chaos.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), out);
    }

    @Test
    void theCommandLineRunsExperimentsAndHasNoSandboxCommand() throws Exception {
        assertTrue(System.getProperty("java.class.path").contains("sandbox"), "the test's own class path has it");
        try (LocalServer app = new LocalServer().reply("/health", Reply.text(200, "ok"))) {
            Files.writeString(dir.resolve("exp.json"), "{\"title\": \"t\", \"description\": \"d\", \"method\": ["
                    + "{\"type\": \"probe\", \"name\": \"up\", \"provider\": {\"type\": \"http\", \"url\": \""
                    + app.url("/health") + "\"}}]}");

            Run run = chaos("run", "exp.json");
            assertEquals(0, run.exit(), run.out());
            assertEquals(1, app.calls("/health"));
        }
        Run help = chaos("--help");
        assertEquals(0, help.exit(), help.out());
        assertFalse(help.out().contains("sandbox"), help.out());
        Run sandbox = chaos("sandbox");
        assertEquals(2, sandbox.exit(), sandbox.out());
        assertFalse(sandbox.out().contains("NoClassDefFoundError"), sandbox.out());
    }
}
