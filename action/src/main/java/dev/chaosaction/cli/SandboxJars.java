package dev.chaosaction.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code chaos sandbox} finds the simulated cluster. {@code chaos.jar} does not carry it (the mock API
 * server, Vert.x and Netty: two thirds of the jar's entries, and opening a bigger jar costs every run time and
 * memory); a build puts those jars in {@code chaos-sandbox/} beside it, and {@code chaos sandbox} runs in a JVM
 * of its own with them on the class path. The Action's image and an installed command without that folder
 * have no {@code sandbox} command, and no class of the sandbox is ever loaded.
 */
final class SandboxJars {
    static final String FOLDER = "chaos-sandbox";

    private SandboxJars() {}

    /** Whether the sandbox's classes are on this JVM's class path (the tests', or the child's). */
    static boolean onClassPath() {
        return SandboxJars.class.getClassLoader().getResource("dev/chaosaction/sandbox/Sandbox.class") != null;
    }

    /** {@code chaos-sandbox/} beside the jar this JVM was started from (the class path's first entry). */
    static Optional<Path> beside() {
        Path jar = Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0]);
        if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) return Optional.empty();
        Path folder = jar.toAbsolutePath().resolveSibling(FOLDER);
        return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
    }

    /**
     * Runs the same command line in a JVM whose class path adds the sandbox's jars, and returns its exit code.
     * A signal to this process reaches the child too (a terminal's Ctrl-C reaches both): it is stopped, and
     * waited for, so that its rollbacks and journal are done before this process ends.
     */
    static int runBeside(Path folder, String[] arguments) throws IOException, InterruptedException {
        String jar = System.getProperty("java.class.path").split(File.pathSeparator)[0];
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + File.pathSeparator + folder.resolve("*"), Chaos.class.getName()));
        command.addAll(List.of(arguments));
        Process child = new ProcessBuilder(command).inheritIO().start();
        Thread stop = new Thread(() -> {
            child.destroy();
            try {
                child.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(stop);
        int exit = child.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway; the child has ended
        }
        return exit;
    }
}
