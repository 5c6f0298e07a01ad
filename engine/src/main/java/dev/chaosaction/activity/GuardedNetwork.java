package dev.chaosaction.activity;

import dev.chaosaction.policy.EgressPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * Makes an OkHttp client obey an {@link EgressPolicy}, on addresses rather than names: its {@link Dns} drops the
 * addresses a name resolves to that the policy refuses (a name that resolves only to those fails), and every socket
 * checks the address and port it connects to (address literals such as {@code 127.1}, {@code 2130706433} or
 * {@code [::ffff:169.254.169.254]} never go through the Dns). Nothing is sent to a refused address. Redirects are
 * not followed by OkHttp then: {@link Redirects} follows them, hop by hop, under the policy.
 */
public final class GuardedNetwork {
    private GuardedNetwork() {}

    /** Thrown instead of connecting; the message says what was refused and how the operator widens it. */
    static final class EgressRefused extends UnknownHostException {
        EgressRefused(String message) {
            super(message);
        }
    }

    /** {@code builder} made to reach only what {@code policy} allows, checked on the addresses connected to. */
    public static OkHttpClient.Builder apply(OkHttpClient.Builder builder, EgressPolicy policy) {
        if (policy.isOpen()) return builder;
        // No proxy: through one, the address connected to would be the proxy's, and the target would go unchecked.
        return builder.proxy(Proxy.NO_PROXY).dns(host -> lookup(host, policy)).socketFactory(new Sockets(policy))
                .followRedirects(false).followSslRedirects(false);
    }

    /**
     * The egress policy's refusal message if {@code e} (or a cause OkHttp wrapped around it) is one, else null:
     * for function libraries that make their own calls through {@link #apply}.
     */
    public static String refusal(Throwable e) {
        EgressRefused refused = find(e);
        return refused == null ? null : refused.getMessage();
    }

    /** The refusal somewhere in {@code e}'s causes or suppressed exceptions (OkHttp may wrap it), or null. */
    static EgressRefused find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EgressRefused refused) return refused;
            for (Throwable s : t.getSuppressed()) {
                EgressRefused inner = find(s);
                if (inner != null) return inner;
            }
        }
        return null;
    }

    private static List<InetAddress> lookup(String host, EgressPolicy policy) throws UnknownHostException {
        List<InetAddress> allowed = new ArrayList<>();
        String refusal = null;
        for (InetAddress address : Dns.SYSTEM.lookup(host)) {
            String why = policy.refusal(host, address);
            if (why == null) allowed.add(address);
            else if (refusal == null) refusal = why;
        }
        if (allowed.isEmpty()) throw new EgressRefused(refusal);
        return allowed;
    }

    /** Plain sockets that refuse to connect where the policy says no. */
    private static final class Sockets extends SocketFactory {
        private final EgressPolicy policy;

        Sockets(EgressPolicy policy) {
            this.policy = policy;
        }

        @Override
        public Socket createSocket() {
            return new Socket() {
                @Override
                public void connect(SocketAddress endpoint, int timeout) throws IOException {
                    if (endpoint instanceof InetSocketAddress inet && inet.getAddress() != null) {
                        String host = inet.getHostString();
                        String why = policy.refusal(host, inet.getAddress(), inet.getPort());
                        if (why != null) throw new EgressRefused(why);
                    }
                    super.connect(endpoint, timeout);
                }
            };
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return connected(new InetSocketAddress(address, port));
        }

        private Socket connected(InetSocketAddress endpoint) throws IOException {
            Socket socket = createSocket();
            socket.connect(endpoint);
            return socket;
        }
    }
}
