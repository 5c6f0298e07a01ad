package dev.chaosaction.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real tools tests run beside the JVM (moto, linters, the Lambda runtime emulator), installed by
 * {@code .ci/setup.d} and named by environment variables. A missing one skips the test with the reason, except
 * under {@code CI=true}, where it fails it: CI must not go green without them.
 */
public final class Peers {
    /** The directory of linters and emulators ({@code actionlint}, {@code shellcheck}, {@code aws-lambda-rie}, ...). */
    public static final String TOOLS_BIN = "CHAOS_TOOLS_BIN";

    private Peers() {}

    /** The executable {@code name} in {@value #TOOLS_BIN}. */
    public static Path tool(String name) {
        String bin = System.getenv(TOOLS_BIN);
        if (bin == null || bin.isBlank()) return missing(TOOLS_BIN + " is not set (bash .ci/run installs the tools)");
        return executable(Path.of(bin, name), TOOLS_BIN);
    }

    /** The executable an environment variable names, e.g. {@code CHAOS_MOTO_SERVER}. */
    public static Path fromEnv(String variable) {
        String path = System.getenv(variable);
        if (path == null || path.isBlank()) return missing(variable + " is not set (bash .ci/run installs it)");
        return executable(Path.of(path), variable);
    }

    /** The file (not a program) an environment variable names, e.g. {@code CHAOS_MERMAID_JS}. */
    public static Path fileFromEnv(String variable) {
        String path = System.getenv(variable);
        if (path == null || path.isBlank()) return missing(variable + " is not set (bash .ci/run installs it)");
        return Files.isRegularFile(Path.of(path)) ? Path.of(path) : missing(path + " (from " + variable + ") is not a file");
    }

    private static Path executable(Path path, String from) {
        return Files.isExecutable(path) ? path : missing(path + " (from " + from + ") is not an executable");
    }

    /** A peer that is not there, for the reason given: skips the test, or fails it under {@code CI=true}. */
    public static <T> T missing(String why) {
        if ("true".equals(System.getenv("CI"))) fail(why);
        Assumptions.abort(why);
        throw new AssertionError("unreachable");
    }

    /** A port nobody listens on now, on the loopback interface, for a peer to listen on. */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
