package dev.chaosaction.policy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An address range, {@code 10.0.0.0/8} or {@code fd00:ec2::254/128} (a single address without a length). IPv4
 * ranges hold IPv4 addresses only: {@link #normalize} turns an IPv6 spelling of one (mapped, compatible or NAT64)
 * back into it first.
 */
record Cidr(byte[] network, int prefix) {

    /** Parses {@code text}; only literal addresses are accepted, nothing is looked up. */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        InetAddress parsed = literal(address);
        if (parsed == null) throw new IllegalArgumentException("'" + text + "' is not an address or CIDR range");
        byte[] bytes = normalize(parsed).getAddress();
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
            }
        }
        return new Cidr(bytes, prefix);
    }

    /** Whether {@code text} looks like an address or a range rather than a host name. */
    static boolean looksLiteral(String text) {
        return text.contains(":") || text.contains("/") || text.matches("[0-9.]+");
    }

    boolean contains(InetAddress address) {
        return matches(normalize(address).getAddress(), prefix);
    }

    /** Whether {@code other} lies entirely inside this range. */
    boolean contains(Cidr other) {
        return other.prefix >= prefix && matches(other.network, prefix);
    }

    private boolean matches(byte[] bytes, int bits) {
        if (bytes.length != network.length) return false;
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((bytes[i / 8] & mask) != (network[i / 8] & mask)) return false;
        }
        return true;
    }

    /**
     * The IPv4 address an IPv6 one stands for ({@code ::ffff:a.b.c.d}, {@code ::a.b.c.d}, NAT64
     * {@code 64:ff9b::a.b.c.d}), else the address itself: so that no spelling of 169.254.169.254 slips through.
     */
    static InetAddress normalize(InetAddress address) {
        if (!(address instanceof Inet6Address)) return address;
        byte[] b = address.getAddress();
        boolean mapped = zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zero(b, 0, 12) && !zero(b, 12, 16) && !(zero(b, 12, 15) && b[15] == 1);
        boolean nat64 = b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && zero(b, 4, 12);
        if (!mapped && !compatible && !nat64) return address;
        try {
            return Inet4Address.getByAddress(Arrays.copyOfRange(b, 12, 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }

    /** A literal address parsed without a lookup, or null when {@code text} is not one. */
    static InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!looksLiteral(bare)) return null;
        try {
            return InetAddress.getByName(bare); // a literal: Java parses it, no name service is asked
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
