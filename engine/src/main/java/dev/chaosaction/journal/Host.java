package dev.chaosaction.journal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The journal's {@code node}: the host name, looked up once. */
public final class Host {
    private static volatile String name;

    private Host() {}

    public static String name() {
        if (name == null) {
            String env = System.getenv("HOSTNAME");
            try {
                name = env != null && !env.isBlank() ? env : InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                name = "unknown";
            }
        }
        return name;
    }
}
