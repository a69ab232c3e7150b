package io.spyglass.server.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which addresses a webhook may be sent to. A webhook URL is chosen by a repository admin but
 * fetched by the server, so without this it reaches whatever the server can: its own loopback
 * ports, the private network behind it, the cloud metadata service (SSRF). By default every
 * non-public range is refused; {@code allowPrivate} ({@code serve --allow-private-webhooks}) lets
 * on-prem installs deliver to their own network, but cloud metadata stays refused either way:
 * it is never a webhook receiver.
 */
public final class WebhookAddressPolicy {

    /** A CIDR range and what it is, for the refusal message. */
    record Range(byte[] prefix, int bits, String what, boolean metadata) {
        static Range of(String cidr, String what) {
            return of(cidr, what, false);
        }

        static Range of(String cidr, String what, boolean metadata) {
            int slash = cidr.indexOf('/');
            try {
                return new Range(InetAddress.getByName(cidr.substring(0, slash)).getAddress(),
                        Integer.parseInt(cidr.substring(slash + 1)), what, metadata);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) return false;
            int full = bits / 8;
            if (!Arrays.equals(address, 0, full, prefix, 0, full)) return false;
            int rest = bits % 8;
            if (rest == 0) return true;
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }

    // the exact metadata addresses come first, so they are named as such rather than as "link-local"
    private static final List<Range> RANGES = List.of(
            Range.of("169.254.169.254/32", "a cloud metadata address", true),
            Range.of("169.254.170.2/32", "a cloud metadata address (ECS task credentials)", true),
            Range.of("100.100.100.200/32", "a cloud metadata address (Alibaba)", true),
            Range.of("192.0.0.192/32", "a cloud metadata address (Oracle)", true),
            Range.of("fd00:ec2::254/128", "a cloud metadata address (AWS IPv6)", true),
            Range.of("0.0.0.0/8", "an unspecified ('this network') address"),
            Range.of("127.0.0.0/8", "a loopback address"),
            Range.of("10.0.0.0/8", "a private address (10/8)"),
            Range.of("172.16.0.0/12", "a private address (172.16/12)"),
            Range.of("192.168.0.0/16", "a private address (192.168/16)"),
            Range.of("100.64.0.0/10", "a carrier-grade NAT address (100.64/10)"),
            Range.of("169.254.0.0/16", "a link-local address"),
            Range.of("192.0.0.0/24", "an IETF protocol address (192.0.0/24)"),
            Range.of("198.18.0.0/15", "a benchmarking address (198.18/15)"),
            Range.of("224.0.0.0/4", "a multicast address"),
            Range.of("240.0.0.0/4", "a reserved or broadcast address"),
            Range.of("::/128", "the unspecified address"),
            Range.of("::1/128", "a loopback address"),
            Range.of("fc00::/7", "a unique-local address (fc00::/7)"),
            Range.of("fe80::/10", "a link-local address"),
            Range.of("fec0::/10", "a site-local address"),
            Range.of("ff00::/8", "a multicast address"));

    /** Names the cloud providers answer with their metadata service from inside an instance. */
    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata.goog", "metadata",
            "instance-data", "instance-data.ec2.internal", "metadata.azure.internal", "metadata.platformequinix.com");

    private final boolean allowPrivate;

    public WebhookAddressPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /** Why a host name is refused before it is even resolved (a cloud metadata name); empty if it may be resolved. */
    public Optional<String> refusal(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) name = name.substring(0, name.length() - 1);
        if (METADATA_NAMES.contains(name)) return Optional.of(host + " is a cloud metadata service name");
        return Optional.empty();
    }

    /** Why {@code address} is refused, naming its range; empty if a webhook may be sent there. */
    public Optional<String> refusal(InetAddress address) {
        byte[] bytes = embeddedIpv4(address);
        for (Range r : RANGES) {
            if (r.contains(bytes) && (r.metadata() || !allowPrivate)) {
                String shown = address.getHostAddress();
                String embedded = bytes.length == 4 && address instanceof Inet6Address ? " (it carries IPv4 " + ipv4(bytes) + ")" : "";
                return Optional.of(shown + embedded + " is " + r.what()
                        + (r.metadata() ? "" : "; serve --allow-private-webhooks allows such targets"));
            }
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address an IPv6 form carries (mapped {@code ::ffff:a.b.c.d}, compatible
     * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}), so that
     * {@code ::ffff:127.0.0.1} is judged as 127.0.0.1; otherwise the address's own bytes.
     */
    static byte[] embeddedIpv4(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) return b;
        boolean zeroTo10 = allZero(b, 0, 10);
        if (zeroTo10 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) return Arrays.copyOfRange(b, 12, 16);
        // ::a.b.c.d, but not :: and ::1 themselves
        if (zeroTo10 && b[10] == 0 && b[11] == 0 && !(allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1))) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if (b[0] == 0x20 && b[1] == 0x02) return Arrays.copyOfRange(b, 2, 6);
        return b;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }

    private static String ipv4(byte[] b) {
        return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }
}
