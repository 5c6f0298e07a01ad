package dev.chaosaction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.value.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command as a build lays it out: chaos.jar without the sandbox, the sandbox's jars in chaos-sandbox/ beside
 * it. {@code java -jar chaos.jar} runs every other command without loading them, and {@code chaos sandbox} runs
 * with them in a JVM of its own, as the README's quickstart does.
 */
class SandboxBesideTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out) {}

    private Run javaJar(Path jar, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xlog:class+load:file=" + dir.resolve("classes.log"), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), out);
    }

    private static boolean sandboxOnly(String entry) {
        return WithoutSandboxTest.SANDBOX_ONLY.stream().anyMatch(entry::contains);
    }

    private Path layout() throws Exception {
        Path jar = PathingJar.write(dir.resolve("lib/chaos.jar"), PathingJar.classPath(e -> !sandboxOnly(e)));
        PathingJar.write(dir.resolve("lib/chaos-sandbox/sandbox.jar"), PathingJar.classPath(SandboxBesideTest::sandboxOnly));
        return jar;
    }

    @Test
    void theSandboxRunsFromTheJarsBesideTheCommand() throws Exception {
        Path jar = layout();
        Files.writeString(dir.resolve("exp.json"), """
                {"title": "t", "description": "d", "configuration": {"base": {"type": "env", "key": "CHAOS_BASE_URL"}},
                 "method": [{"type": "probe", "name": "up", "provider": {"type": "http", "url": "${base}/health"}}]}
                """);
        Run run = javaJar(jar, "sandbox", "--quiet", "--journal-path", "journal.json", "exp.json");
        assertEquals(0, run.exit(), run.out());
        Map<?, ?> journal = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("journal.json")));
        assertEquals("completed", journal.get("status"), journal.toString());
        assertEquals("succeeded", ((Map<?, ?>) ((List<?>) journal.get("run")).getFirst()).get("status"));
    }

    @Test
    void everyOtherCommandLoadsNothingOfTheSandbox() throws Exception {
        Path jar = layout();
        Run help = javaJar(jar, "--help");
        assertEquals(0, help.exit(), help.out());
        assertTrue(help.out().contains("sandbox"), help.out());
        Files.writeString(dir.resolve("exp.json"), "{\"title\": \"t\", \"description\": \"d\", \"method\": ["
                + "{\"type\": \"probe\", \"name\": \"p\", \"provider\": {\"type\": \"process\", \"path\": \"true\"}}]}");
        for (String[] args : List.of(new String[] {"validate", "exp.json"}, new String[] {"run", "exp.json"},
                new String[] {"report", "journal.json"}, new String[] {"info", "core"})) {
            Run run = javaJar(jar, args);
            assertEquals(0, run.exit(), String.join(" ", args) + ": " + run.out());
            String classes = Files.readString(dir.resolve("classes.log"));
            assertTrue(classes.contains("dev.chaosaction.cli.Chaos "), classes.lines().limit(5).toList().toString());
            assertFalse(classes.contains("dev.chaosaction.sandbox.") || classes.contains("io.vertx.")
                    || classes.contains("io.netty."), String.join(" ", args) + " loaded the sandbox");
        }
    }
}
