package dev.chaosaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.cli.PathingJar;
import dev.chaosaction.experiment.Problem;
import dev.chaosaction.testing.LocalServer;
import dev.chaosaction.testing.LocalServer.Reply;
import dev.chaosaction.value.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** {@code action.yml} and the {@code Dockerfile} agree with the entry point the other tests run. */
class PackagingTest {
    private static final Path ROOT = root();

    @Test
    void everyDeclaredInputIsReadAndEveryReadInputIsDeclaredWithTheSameDefault() throws IOException {
        Map<String, Map<String, Object>> declared = section("inputs");
        assertEquals(Arrays.stream(Input.values()).map(Input::id).toList(), List.copyOf(declared.keySet()));
        for (Input input : Input.values()) {
            Object yamlDefault = declared.get(input.id()).get("default");
            assertEquals(input.defaultValue(), yamlDefault == null ? "" : yamlDefault, input.id());
            assertTrue(declared.get(input.id()).get("description") instanceof String, input.id());
        }
    }

    @Test
    void requiredInputsAreTheOnesTheEntryPointInsistsOn() throws IOException {
        List<String> required = section("inputs").entrySet().stream()
                .filter(e -> Boolean.TRUE.equals(e.getValue().get("required"))).map(Map.Entry::getKey).toList();
        try {
            ActionInputs.read(Map.of("GITHUB_WORKSPACE", ROOT.toString()));
            throw new AssertionError("inputs without an experiment were accepted");
        } catch (ActionInputs.Invalid e) {
            assertEquals(required, e.problems().stream().map(Problem::path).toList());
        }
    }

    @Test
    void declaredOutputsAreTheOnesWritten() throws IOException {
        assertEquals(Arrays.stream(Output.values()).map(Output::id).toList(), List.copyOf(section("outputs").keySet()));
    }

    @Test
    void theMarketplaceTakesTheDescription() throws IOException {
        String description = (String) action().get("description");
        assertTrue(description.length() < 125, description.length() + " characters: " + description);
    }

    @Test
    void theReleaseWorkflowRewritesTheImageLineActionYmlHas() throws IOException {
        String release = Files.readString(ROOT.resolve(".github/workflows/release.yml"));
        String line = Files.readString(ROOT.resolve("action.yml")).lines().filter(l -> l.startsWith("  image: "))
                .findFirst().orElseThrow();
        assertTrue(release.contains("s|^" + line + "$|  image: docker://${IMAGE}|"), release);
    }

    @Test
    void theActionIsBuiltFromTheRootDockerfile() throws IOException {
        Map<String, Object> runs = cast((Map<?, ?>) action().get("runs"));
        assertEquals("docker", runs.get("using"));
        assertEquals("Dockerfile", runs.get("image"));
        assertTrue(Files.isRegularFile(ROOT.resolve("Dockerfile")));
    }

    @Test
    void theImageRunsTheEntryScriptWhichRunsTheEntryPointTheTestsRunAndTrainsItsCachesWithTheSameCommand()
            throws IOException {
        List<String> stage = finalStage();
        assertEquals("ENTRYPOINT [\"/opt/chaos/entrypoint\"]", instruction(stage, "ENTRYPOINT "));
        assertEquals("COPY action/docker/entrypoint.sh /opt/chaos/entrypoint", instruction(stage, "COPY action/docker/entrypoint"));
        String script = Files.readString(ROOT.resolve("action/docker/entrypoint.sh"));
        assertTrue(script.contains("\"$aot\" -cp \"$here/chaos.jar\" " + ActionProcess.MAIN + "\n"), script);
        assertTrue(script.contains("aot=-XX:AOTCache=$cache") && script.contains("aot=-XX:AOTCacheOutput=$CHAOS_AOT_OUTPUT"),
                script);
        // The caches are made by running the entry point itself, so with its very command line.
        assertTrue(instruction(stage, "RUN ").contains("sh /tmp/training/train.sh /opt/chaos "), stage.toString());
        String train = Files.readString(ROOT.resolve("action/docker/train.sh"));
        assertTrue(train.contains("CHAOS_AOT_OUTPUT=\"$1\" \"$home/entrypoint\""), train);
        assertTrue(train.contains("train \"$home/chaos.aot\" training-experiment.json")
                && train.contains("train \"$home/chaos-kubernetes.aot\" training-kubernetes.json"), train);
        assertTrue(script.contains("cache=$here/chaos.aot") && script.contains("cache=$here/chaos-kubernetes.aot"), script);
        assertTrue(stage.stream().noneMatch(l -> l.startsWith("USER ") || l.startsWith("WORKDIR ")), stage.toString());
    }

    /** The image's command and bin/chaos start the JVM with the same options (bench/cold.sh measures both). */
    @Test
    void theEntryScriptStartsTheJvmWithTheLaunchersOptions() throws IOException {
        String launcher = Files.readString(ROOT.resolve("bin/chaos"));
        int from = launcher.indexOf("\nflags=\"") + "\nflags=\"".length();
        List<String> options = Arrays.asList(launcher.substring(from, launcher.indexOf('"', from)).split(" "));
        String script = Files.readString(ROOT.resolve("action/docker/entrypoint.sh"));
        String exec = script.substring(script.lastIndexOf("\nexec ")).replace("\\\n", " ");
        List<String> words = Arrays.asList(exec.trim().split("\\s+"));

        assertTrue(options.contains("-Xmn2m"), options.toString());
        assertEquals(options, words.subList(2, 2 + options.size()), exec);
    }

    /**
     * The runner passes inputs with their hyphens ({@code INPUT_ALLOWED-PROVIDERS}); the entry script hands them
     * to the JVM (dash, Debian's sh, would drop them: the process probe would then be refused).
     */
    @Test
    void theEntryScriptPassesTheRunnersHyphenatedInputsOn(@TempDir Path temp) throws Exception {
        Path entrypoint = imageLayout(temp.resolve("opt"));
        ActionProcess action = new ActionProcess(temp).through(List.of(entrypoint.toString()));
        action.file("experiment.json", "{\"title\": \"t\", \"description\": \"d\", \"method\": [{\"type\": \"probe\","
                + " \"name\": \"p\", \"provider\": {\"type\": \"process\", \"path\": \"true\"}}]}");
        ActionProcess.Result result = action.input("experiment", "experiment.json")
                .input("allowed-providers", "process").run();
        assertEquals("completed", result.outputs().get("status"), result.stdout() + result.stderr());
        assertFalse(result.stdout().contains("not allowed"), result.stdout());
    }

    /** The image's files as the Dockerfile lays them out, on this JVM and the test's class path. */
    private static Path imageLayout(Path opt) throws IOException {
        PathingJar.write(opt.resolve("chaos/chaos.jar"), PathingJar.classPath(entry -> true));
        Files.createSymbolicLink(opt.resolve("java"), Path.of(System.getProperty("java.home")));
        Path entrypoint = Files.copy(ROOT.resolve("action/docker/entrypoint.sh"), opt.resolve("chaos/entrypoint"));
        assertTrue(entrypoint.toFile().setExecutable(true));
        return entrypoint;
    }

    private static Map<String, Object> action() throws IOException {
        return new Yaml().load(Files.readString(ROOT.resolve("action.yml")));
    }

    private static Map<String, Map<String, Object>> section(String name) throws IOException {
        return cast((Map<?, ?>) action().get(name));
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> cast(Map<?, ?> map) {
        return (Map<K, V>) map;
    }

    /** The instructions after the last FROM, continuation lines joined. */
    private static List<String> finalStage() throws IOException {
        String text = Files.readString(ROOT.resolve("Dockerfile")).replaceAll("\\\\\n\\s*", " ");
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        int last = 0;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith("FROM ")) last = i;
        return lines.subList(last, lines.size());
    }

    private static String instruction(List<String> stage, String prefix) {
        List<String> found = stage.stream().filter(l -> l.startsWith(prefix)).toList();
        assertEquals(1, found.size(), prefix + " in " + stage);
        return found.getFirst();
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("action.yml"))) dir = dir.getParent();
        return dir;
    }
}
