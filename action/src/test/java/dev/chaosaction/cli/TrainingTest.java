package dev.chaosaction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The common training loads what a run of an HTTP probe and a process action loads, and not the YAML loader or a
 * tree walk: the JVM loads every class of the cache made from it at each start (README, "Speed").
 */
class TrainingTest {
    @Test
    void theCommonTrainingRunsAProbeAndAnActionWithoutTheYamlLoaderOrATreeWalk(@TempDir Path dir) throws Exception {
        Path jar = PathingJar.write(dir.resolve("chaos.jar"), PathingJar.classPath(e -> true));
        Path log = dir.resolve("classes.log");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-Xlog:class+load:file=" + log, "-Djava.io.tmpdir=" + dir, "-cp", jar.toString(),
                Training.class.getName()).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("CHAOS_BASE_URL"); // the endpoint is then served in the training's process
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, process.waitFor(), out);
        assertFalse(out.contains("did not go as planned"), out);
        String classes = Files.readString(log);
        for (String ran : List.of("dev.chaosaction.activity.HttpProvider ", "dev.chaosaction.activity.ProcessProvider ")) {
            assertTrue(classes.contains(ran), ran);
        }
        // (its exceptions are loaded to verify the catch clauses of the experiment loader: two classes)
        assertFalse(classes.contains("org.yaml.snakeyaml.Yaml ") || classes.contains("org.yaml.snakeyaml.parser."),
                "the YAML loader");
        assertFalse(classes.contains("java.nio.file.FileTreeWalker "), "a tree walk");
        try (var left = Files.list(dir)) {
            assertEquals(List.of("chaos.jar", "classes.log"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), "the training's directory is gone");
        }
    }
}
