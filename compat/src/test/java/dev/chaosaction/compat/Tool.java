package dev.chaosaction.compat;

import dev.chaosaction.cli.Chaos;
import dev.chaosaction.value.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** One of the two {@code chaos} commands, run as a process exactly as a user would run it. */
enum Tool {
    CTK, OURS;

    /** What a run left behind: the exit code, the journal (null when none was written) and the console. */
    record Outcome(int exitCode, Object journal, String console) {}

    private static final long TIMEOUT_SECONDS = 120;

    /** Runs the case in {@code dir} (made fresh) and returns what it left. */
    Outcome run(Case c, String experimentText, Map<String, String> env, Path dir) {
        try {
            Files.createDirectories(dir);
            Path experiment = Files.writeString(dir.resolve("experiment." + c.extension()), experimentText);
            for (Map.Entry<String, String> f : c.files().entrySet()) Files.writeString(dir.resolve(f.getKey()), f.getValue());
            // An empty settings file, unless the case brings its own ("@MISSING@": a file that does not exist).
            Path settings = dir.resolve("settings.yaml");
            String given = c.files().get("settings.yaml");
            if (given == null) Files.writeString(settings, "");
            else if (given.equals("@MISSING@")) {
                Files.delete(settings);
                settings = dir.resolve("missing.yaml");
            }
            Path journal = dir.resolve("journal.json");
            Files.deleteIfExists(journal);
            List<String> command = new ArrayList<>(launcher());
            command.addAll(List.of("--no-version-check", "--settings", settings.toString(), c.command()));
            if (c.command().equals("run")) command.addAll(List.of("--journal-path", journal.toString()));
            command.addAll(c.args());
            command.add(experiment.toString());
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("console.txt").toFile());
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(k -> k.startsWith("CHAOS_") || k.startsWith("AWS_") || k.startsWith("KUBE")
                    || k.startsWith("EKS_"));
            environment.put("HOME", dir.toString());
            environment.putAll(env);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(this + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            Object parsed = Files.exists(journal) ? parsed(Files.readString(journal, StandardCharsets.UTF_8)) : null;
            return new Outcome(process.exitValue(), parsed, Files.readString(dir.resolve("console.txt")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A journal that is not JSON (a tool that died writing it) is compared as that fact. */
    private static Object parsed(String journal) {
        try {
            return Json.parse(journal);
        } catch (RuntimeException e) {
            return "not JSON: " + journal.length() + " characters";
        }
    }

    private List<String> launcher() {
        return switch (this) {
            case CTK -> List.of(Path.of(ctkHome(), "bin", "chaos").toString());
            // bin/chaos's options: C1 only and SerialGC start fastest.
            case OURS -> {
                List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData"));
                String classPath = ourClassPath();
                // A class-data archive the JVM keeps for this class path halves each run's start-up; the JVM
                // only makes one for a class path of jars (not so in a reactor build that stops before package).
                if (Arrays.stream(classPath.split(File.pathSeparator)).noneMatch(e -> Files.isDirectory(Path.of(e)))) {
                    java.addAll(List.of("-XX:+AutoCreateSharedArchive",
                            "-XX:SharedArchiveFile=" + Path.of("target", "compat-ours.jsa").toAbsolutePath()));
                }
                java.addAll(List.of("-cp", classPath, Chaos.class.getName()));
                yield java;
            }
        };
    }

    /** The test class path without this module's own classes: what our command needs. */
    private static String ourClassPath() {
        Path own = Path.of("target").toAbsolutePath();
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !Path.of(e).toAbsolutePath().startsWith(own))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The virtual environment holding Chaos Toolkit, or null when none is installed. */
    static String ctkHome() {
        String home = System.getenv("CHAOS_CTK_HOME");
        return home == null || home.isBlank() || !Files.isExecutable(Path.of(home, "bin", "chaos")) ? null : home;
    }
}
