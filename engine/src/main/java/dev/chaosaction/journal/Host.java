package dev.chaosaction.journal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The journal's {@code node}: the machine's name, as Chaos Toolkit's {@code platform.node()} gives it (the
 * kernel's node name, no name service lookup), read once.
 */
public final class Host {
    /** Linux's node name; where it is missing, the name service is asked. */
    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");
    private static volatile String name;

    private Host() {}

    public static String name() {
        if (name == null) {
            String env = System.getenv("HOSTNAME");
            name = env != null && !env.isBlank() ? env : nodeName();
        }
        return name;
    }

    private static String nodeName() {
        try {
            return Files.readString(KERNEL_HOSTNAME).strip();
        } catch (IOException | RuntimeException notLinux) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "unknown";
            }
        }
    }
}
