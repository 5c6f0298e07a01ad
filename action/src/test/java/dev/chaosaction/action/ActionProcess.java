package dev.chaosaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The action started as the runner starts the container: a child JVM running {@link #MAIN} with no
 * arguments, the inputs as {@code INPUT_*} variables, and the runner's files in a temporary directory.
 * Nothing of the test's own environment that the runner would set leaks into it.
 */
final class ActionProcess {
    /** What the image's ENTRYPOINT runs (checked against the Dockerfile). */
    static final String MAIN = GitHubAction.class.getName();

    private final Path workspace;
    private final Path runnerFiles;
    private final Map<String, String> inputs = new LinkedHashMap<>();
    private final Map<String, String> extraEnv = new LinkedHashMap<>();
    private List<String> command = java(MAIN);

    /** What the finished process left. */
    record Result(int exitCode, String stdout, String stderr, Map<String, String> outputs, String summary) {
        List<String> lines() {
            return stdout.lines().toList();
        }
    }

    ActionProcess(Path temp) throws IOException {
        this.workspace = Files.createDirectories(temp.resolve("workspace"));
        this.runnerFiles = Files.createDirectories(temp.resolve("file_commands"));
        // The tests' experiments talk to servers on loopback and run shell commands: as an operator would, the
        // workflow allows both (the trust tests set these inputs back to their defaults).
        inputs.put("egress-allow", "127.0.0.1");
        inputs.put("allowed-providers", "http,process,python");
    }

    Path workspace() {
        return workspace;
    }

    ActionProcess input(String name, String value) {
        inputs.put(name, value);
        return this;
    }

    ActionProcess env(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    /** Starts the action with this command instead of a JVM running {@link #MAIN} (the image's entry script). */
    ActionProcess through(List<String> command) {
        this.command = List.copyOf(command);
        return this;
    }

    /** Writes a file into the workspace (the checked-out repository). */
    Path file(String relative, String text) throws IOException {
        Path file = workspace.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    Process start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("INPUT_") || k.startsWith("GITHUB_") || k.startsWith("RUNNER_")
                || k.startsWith("AWS_") || k.equals("KUBECONFIG") || k.equals("EKS_CLUSTER_NAME"));
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_WORKSPACE", workspace.toString());
        env.put("GITHUB_OUTPUT", runnerFiles.resolve("set_output").toString());
        env.put("GITHUB_STEP_SUMMARY", runnerFiles.resolve("step_summary").toString());
        // As the runner names them: upper-cased, hyphens kept.
        inputs.forEach((name, value) -> env.put("INPUT_" + name.toUpperCase(java.util.Locale.ROOT), value));
        env.putAll(extraEnv);
        builder.redirectOutput(runnerFiles.resolve("stdout").toFile());
        builder.redirectError(runnerFiles.resolve("stderr").toFile());
        return builder.start();
    }

    /** A child JVM on the test's class path running {@code mainClass} with {@code args}. */
    static List<String> java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    Result run() throws IOException, InterruptedException {
        return finish(start());
    }

    Result finish(Process process) throws IOException, InterruptedException {
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the action did not end");
        return new Result(process.exitValue(), read("stdout"), read("stderr"), outputs(read("set_output")),
                read("step_summary"));
    }

    /** Whatever the process printed so far. */
    String stdoutSoFar() {
        return read("stdout");
    }

    private String read(String name) {
        Path file = runnerFiles.resolve(name);
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses {@code $GITHUB_OUTPUT} as the runner does, insisting on the multi-line form for every value:
     * {@code name<<DELIMITER}, the value's lines, the delimiter alone on a line.
     */
    static Map<String, String> outputs(String text) {
        Map<String, String> outputs = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String[] head = lines.get(i).split("<<", 2);
            assertEquals(2, head.length, "not a name<<DELIMITER line: " + lines.get(i));
            assertTrue(head[1].matches("ghadelimiter_[0-9a-f-]{36}"), "delimiter " + head[1]);
            List<String> value = new ArrayList<>();
            i++;
            while (!lines.get(i).equals(head[1])) value.add(lines.get(i++));
            outputs.put(head[0], String.join("\n", value));
        }
        return outputs;
    }
}
