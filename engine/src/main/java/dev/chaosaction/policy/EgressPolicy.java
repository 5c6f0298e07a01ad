package dev.chaosaction.policy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which addresses the HTTP requests an experiment makes (http providers, every redirect hop, probe tolerances)
 * may reach.
 *
 * <p>On the command line the author is the operator: nothing is checked ({@link #OPEN}). Where the author is not
 * the operator ({@link #deployed}), these are refused whatever the experiment says: loopback, link-local and the
 * cloud metadata addresses ({@link #REFUSED}; any spelling, IPv4-mapped forms included) and the Lambda Runtime API.
 * An operator allow-list of host names and addresses or CIDR ranges narrows it further: then only what it names is
 * reached. A refused range is reached only when an entry inside it names it ({@code 127.0.0.1}, {@code
 * 127.0.0.0/8}): a host name that resolves there (DNS rebinding) or a catch-all range does not unlock it. The
 * Runtime API's address and port are refused even then.
 *
 * <p>Checks are made on the addresses connected to, not on names: see {@code GuardedNetwork}.
 */
public final class EgressPolicy {
    /** Loopback, link-local (the EC2/ECS metadata services), EC2's IPv6 metadata address, "this host". */
    private static final List<Cidr> LOOPBACK = List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128"));
    private static final List<Cidr> NEVER = List.of(Cidr.parse("169.254.0.0/16"), Cidr.parse("fe80::/10"),
            Cidr.parse("fd00:ec2::254/128"), Cidr.parse("0.0.0.0/8"), Cidr.parse("::/128"));
    static final List<Cidr> REFUSED = java.util.stream.Stream.concat(LOOPBACK.stream(), NEVER.stream()).toList();

    public static final EgressPolicy OPEN = new EgressPolicy(true, List.of(), List.of(), List.of(), null, false, "");

    private final boolean open;
    private final List<Cidr> refused;
    private final List<Cidr> allowedRanges;
    private final List<String> allowedHosts;
    /** The Lambda Runtime API, {@code host:port}, or null. */
    private final String runtimeApi;
    private final boolean crossOriginRedirects;
    private final String setting;

    private EgressPolicy(boolean open, List<Cidr> refused, List<Cidr> allowedRanges, List<String> allowedHosts,
                         String runtimeApi, boolean crossOriginRedirects, String setting) {
        this.open = open;
        this.refused = refused;
        this.allowedRanges = allowedRanges;
        this.allowedHosts = allowedHosts;
        this.runtimeApi = runtimeApi;
        this.crossOriginRedirects = crossOriginRedirects;
        this.setting = setting;
    }

    /**
     * The policy where the author is not the operator.
     *
     * @param allowList            comma list of host names, addresses and CIDR ranges; empty: any address not refused
     * @param runtimeApi           the Lambda Runtime API's {@code host:port} ({@code AWS_LAMBDA_RUNTIME_API}), or null
     * @param loopback             whether loopback is reachable without being listed (the local {@code serve})
     * @param crossOriginRedirects whether a redirect may leave the request's origin (the experiment's headers are
     *                             dropped then); otherwise only same-origin hops and http → https of the same host
     * @param setting              the deployment setting that widens it, named in refusals
     * @throws IllegalArgumentException for an entry that is neither a host name nor an address or range
     */
    public static EgressPolicy deployed(String allowList, String runtimeApi, boolean loopback,
                                        boolean crossOriginRedirects, String setting) {
        List<Cidr> ranges = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (String entry : AllowList.parse(allowList, setting).entries()) {
            String e = entry.toLowerCase(Locale.ROOT);
            if (Cidr.looksLiteral(e)) ranges.add(range(e, setting));
            else if (e.matches("(\\*\\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) hosts.add(e);
            else throw new IllegalArgumentException(setting + ": '" + entry + "' is not a host, address or CIDR");
        }
        List<Cidr> refused = loopback ? NEVER : REFUSED;
        String api = runtimeApi == null || runtimeApi.isBlank() ? null : runtimeApi.strip().toLowerCase(Locale.ROOT);
        return new EgressPolicy(false, refused, List.copyOf(ranges), List.copyOf(hosts), api, crossOriginRedirects,
                setting);
    }

    private static Cidr range(String entry, String setting) {
        try {
            return Cidr.parse(entry);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage());
        }
    }

    /**
     * Reads a deployment's redirect setting: {@code same-origin} (false) or {@code cross-origin} (true).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static boolean crossOrigin(String setting) {
        return switch (setting.strip()) {
            case "same-origin" -> false;
            case "cross-origin" -> true;
            default -> throw new IllegalArgumentException("expected same-origin or cross-origin, not '"
                    + setting.strip() + "'");
        };
    }

    public boolean isOpen() {
        return open;
    }

    public boolean crossOriginRedirects() {
        return open || crossOriginRedirects;
    }

    /**
     * Why connecting to {@code address} for {@code host} is refused, or null when it is allowed.
     *
     * @param host the name the request was made for (an address literal for a literal URL)
     */
    public String refusal(String host, InetAddress address) {
        if (open) return null;
        InetAddress a = Cidr.normalize(address);
        String shown = a.getHostAddress();
        if (refused.stream().anyMatch(r -> r.contains(a)) && !unlocked(a)) {
            return "egress to " + shown + " (" + host + ") is refused: loopback, link-local and metadata addresses"
                    + " are never reached from here unless " + setting + " names them";
        }
        if (allowedRanges.isEmpty() && allowedHosts.isEmpty()) return null;
        if (allowedRanges.stream().anyMatch(r -> r.contains(a)) || hostAllowed(host)) return null;
        return "egress to " + host + " (" + shown + ") is refused: it is not in " + setting;
    }

    /** Why connecting to {@code address:port} is refused (the Runtime API besides {@link #refusal}), or null. */
    public String refusal(String host, InetAddress address, int port) {
        if (open) return null;
        if (runtimeApi != null && (runtimeApi.equals(host.toLowerCase(Locale.ROOT) + ":" + port)
                || runtimeApi.equals(Cidr.normalize(address).getHostAddress() + ":" + port))) {
            return "egress to " + host + ":" + port + " is refused: it is the Lambda Runtime API";
        }
        return refusal(host, address);
    }

    /** A refused address is reached only when a range inside a refused one names it. */
    private boolean unlocked(InetAddress address) {
        return allowedRanges.stream().anyMatch(allowed -> allowed.contains(address)
                && REFUSED.stream().anyMatch(r -> r.contains(allowed)));
    }

    private boolean hostAllowed(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return allowedHosts.stream().anyMatch(e -> e.startsWith("*.") ? h.endsWith(e.substring(1)) : h.equals(e));
    }
}
