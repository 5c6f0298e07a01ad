package dev.chaosaction.sandbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sandbox's stand-in for a cluster's DNS: plain-HTTP requests to one of its service names
 * ({@code http://ml-service/...}, {@code ml-service.default}, {@code ml-service.default.svc},
 * {@code ml-service.default.svc.cluster.local}) go, as through an HTTP proxy, to the loopback port that
 * simulates that service; every other request goes where the previous selector sends it. Installed as the
 * JVM's default {@link ProxySelector} by {@code chaos sandbox} for its own runs, and removed when it ends.
 */
public final class ServiceRoutes extends ProxySelector {
    private final Map<String, InetSocketAddress> routes;
    private final ProxySelector fallback;

    ServiceRoutes(Map<String, InetSocketAddress> routes, ProxySelector fallback) {
        this.routes = Map.copyOf(routes);
        this.fallback = fallback;
    }

    /** The names {@code service} in {@code namespace} answers to inside a cluster. */
    static List<String> names(String service, String namespace) {
        String qualified = service + "." + namespace;
        return List.of(service, qualified, qualified + ".svc", qualified + ".svc.cluster.local");
    }

    /** The host names routed, for what the console says. */
    public Set<String> hosts() {
        return routes.keySet();
    }

    @Override
    public List<Proxy> select(URI uri) {
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        InetSocketAddress target = host == null ? null : routes.get(host);
        // Only plain HTTP on the default port: the simulated services speak nothing else.
        if (target != null && "http".equalsIgnoreCase(uri.getScheme()) && uri.getPort() <= 0) {
            return List.of(new Proxy(Proxy.Type.HTTP, target));
        }
        return fallback == null ? List.of(Proxy.NO_PROXY) : fallback.select(uri);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException e) {
        if (fallback != null) fallback.connectFailed(uri, address, e);
    }

    /** Makes these routes the JVM's; the returned handle puts the previous selector back. */
    public AutoCloseable install() {
        ProxySelector previous = ProxySelector.getDefault();
        ProxySelector.setDefault(this);
        return () -> ProxySelector.setDefault(previous);
    }
}
