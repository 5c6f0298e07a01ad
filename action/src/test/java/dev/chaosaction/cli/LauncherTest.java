package dev.chaosaction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/chaos on a Java older than 21 stops with a message that says what to do, before any JVM starts. */
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

    private static String release(Path jdk) throws Exception {
        return Files.readAllLines(jdk.resolve("release")).stream().filter(l -> l.startsWith("JAVA_VERSION="))
                .findFirst().orElseThrow().replaceAll("JAVA_VERSION=\"(.*)\"", "$1");
    }
}
