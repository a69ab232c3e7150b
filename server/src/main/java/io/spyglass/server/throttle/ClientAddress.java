package io.spyglass.server.throttle;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's address for sign-in throttling: the socket's peer, unless that peer is a
 * trusted reverse proxy ({@code serve --trusted-proxy}); then the nearest {@code X-Forwarded-For}
 * entry that is not itself a trusted proxy. An untrusted peer's X-Forwarded-For is ignored: anyone
 * can send one.
 */
public final class ClientAddress {
    private record Cidr(byte[] prefix, int bits) {
        boolean contains(byte[] a) {
            if (a.length != prefix.length) return false;
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((a[i / 8] & mask) != (prefix[i / 8] & mask)) return false;
            }
            return true;
        }
    }

    private final List<Cidr> trusted = new ArrayList<>();

    /** {@code proxies}: literal addresses or CIDR ranges; a host name or bad range is refused here, at start. */
    public ClientAddress(List<String> proxies) {
        for (String p : proxies) {
            String[] parts = p.strip().split("/", 2);
            byte[] prefix = literal(parts[0]);
            if (prefix == null) throw new IllegalArgumentException("--trusted-proxy '" + p + "' is not an IP address or CIDR range");
            int bits;
            try {
                bits = parts.length == 2 ? Integer.parseInt(parts[1]) : prefix.length * 8;
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > prefix.length * 8) throw new IllegalArgumentException("--trusted-proxy '" + p + "' has a bad prefix length");
            trusted.add(new Cidr(prefix, bits));
        }
    }

    public String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        if (!isTrusted(peer)) return peer;
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded == null) return peer;
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (literal(hop) == null) return peer;
            if (!isTrusted(hop)) return hop;
        }
        return peer;
    }

    private boolean isTrusted(String address) {
        byte[] a = literal(address);
        return a != null && trusted.stream().anyMatch(c -> c.contains(a));
    }

    /** The bytes of an IP literal; null for anything else (never a DNS lookup). */
    private static byte[] literal(String s) {
        if (s == null || s.isEmpty() || !s.matches("[0-9a-fA-F:.]+") || !(s.contains(":") || s.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"))) return null;
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
