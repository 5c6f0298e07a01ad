package dev.chaosaction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/chaos on a Java older than 21 stops with a message that says what to do, before any JVM starts; on JDK 25
 * it starts the JVM with the AOT cache that fits the experiment.
 */
class LauncherTest {
    /** The machine's second JDK (Debian's), when it has one of release 17. */
    private static final Path JDK_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");

    @Test
    void onJava17ItNamesTheJavaAndAsksForRelease21OrLater(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(JDK_17.resolve("bin/java")), "no JDK 17 at " + JDK_17);
        Path launcher = Files.copy(Path.of("..", "bin", "chaos"), dir.resolve("chaos"));
        Files.createFile(dir.resolve("chaos.jar")); // found next to the script; never started
        ProcessBuilder builder = new ProcessBuilder("sh", launcher.toString(), "--version").redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", JDK_17.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(2, process.waitFor(), output);
        assertEquals("chaos: Java 21 or later is needed, and " + JDK_17 + "/bin/java is Java "
                + release(JDK_17) + ": set JAVA_HOME to a JDK or JRE of release 21 or later\n", output);
    }

    /** A JDK 25 whose java prints its arguments, and both caches made after the jar: no training starts. */
    private static Path launcherWithCaches(Path dir) throws Exception {
        Path launcher = Files.copy(Path.of("..", "bin", "chaos"), dir.resolve("chaos"));
        Path jar = Files.createFile(dir.resolve("chaos.jar"));
        Path jdk = Files.createDirectories(dir.resolve("jdk/bin"));
        Files.writeString(dir.resolve("jdk/release"), "JAVA_VERSION=\"25.0.3\"\n");
        Path java = Files.writeString(jdk.resolve("java"), "#!/bin/sh\necho \"$@\"\n");
        assertTrue(java.toFile().setExecutable(true));
        FileTime later = FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000);
        for (String cache : List.of("chaos-jdk25.0.3.aot", "chaos-jdk25.0.3-kubernetes.aot")) {
            Files.setLastModifiedTime(Files.createFile(dir.resolve(cache)), later);
        }
        return launcher;
    }

    private static String started(Path dir, Path launcher, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        builder.environment().remove("CHAOS_CACHE_DIR");
        builder.environment().remove("JAVA_OPTS");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output;
    }

    /** The options bench/cold.sh measured: a small young generation, and the jar on the class path, not -jar. */
    @Test
    void itStartsTheCommandLinesMainClassFromTheJarOnTheClassPathWithATwoMebibyteYoungGeneration(@TempDir Path dir)
            throws Exception {
        Path launcher = launcherWithCaches(dir);
        String started = started(dir, launcher, "--version");

        assertTrue(started.endsWith(" -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=5 -XX:+UseSerialGC -Xms16m"
                + " -Xmn2m -XX:-UsePerfData -cp " + dir.resolve("chaos.jar") + " dev.chaosaction.cli.Chaos --version\n"),
                started);
    }

    @Test
    void anExperimentNamingChaosk8sStartsFromTheKubernetesCacheAndOthersFromTheOther(@TempDir Path dir) throws Exception {
        Path launcher = launcherWithCaches(dir);
        Files.writeString(dir.resolve("kill.yaml"), "method:\n  - provider: {type: python, module: chaosk8s.pod.actions}\n");
        Files.writeString(dir.resolve("probe.json"), "{\"method\": [{\"provider\": {\"type\": \"http\"}}]}");
        Files.writeString(dir.resolve("journal.json"), "{\"experiment\": {\"module\": \"chaosk8s.pod.actions\"}}");
        String kubernetes = "-XX:AOTCache=" + dir.resolve("chaos-jdk25.0.3-kubernetes.aot");
        String other = "-XX:AOTCache=" + dir.resolve("chaos-jdk25.0.3.aot");

        assertTrue(started(dir, launcher, "run", "kill.yaml").contains(kubernetes + " "));
        String probe = started(dir, launcher, "run", "--journal-path", "journal.json", "probe.json");
        assertTrue(probe.contains(other + " ") && probe.endsWith(" run --journal-path journal.json probe.json\n"), probe);
        assertTrue(started(dir, launcher, "validate", "no-such-file.json").contains(other + " "));
    }

    private static String release(Path jdk) throws Exception {
        return Files.readAllLines(jdk.resolve("release")).stream().filter(l -> l.startsWith("JAVA_VERSION="))
                .findFirst().orElseThrow().replaceAll("JAVA_VERSION=\"(.*)\"", "$1");
    }
}
