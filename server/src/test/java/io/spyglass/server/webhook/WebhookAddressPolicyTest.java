package io.spyglass.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The address table: what is refused by default, what --allow-private-webhooks lets through, and why. */
class WebhookAddressPolicyTest {

    @ParameterizedTest(name = "{0}: default {1}, allow-private {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # address              | refused by default   | refused with --allow-private-webhooks
            93.184.215.14          | -                    | -
            8.8.8.8                | -                    | -
            2606:4700:4700::1111   | -                    | -
            172.32.0.1             | -                    | -
            100.128.0.1            | -                    | -
            127.0.0.1              | loopback             | -
            127.255.255.254        | loopback             | -
            10.1.2.3               | private address (10/8) | -
            172.16.0.1             | private address (172.16/12) | -
            172.31.255.255         | private address (172.16/12) | -
            192.168.1.1            | private address (192.168/16) | -
            100.64.0.1             | carrier-grade NAT    | -
            169.254.1.1            | link-local           | -
            169.254.169.254        | cloud metadata       | cloud metadata
            100.100.100.200        | cloud metadata       | cloud metadata
            fd00:ec2::254          | cloud metadata       | cloud metadata
            0.0.0.0                | unspecified          | -
            ::                     | unspecified          | -
            ::1                    | loopback             | -
            fd12:3456::1           | unique-local         | -
            fc00::1                | unique-local         | -
            fe80::1                | link-local           | -
            224.0.0.1              | multicast            | -
            ff02::1                | multicast            | -
            255.255.255.255        | broadcast            | -
            ::ffff:127.0.0.1       | loopback             | -
            ::ffff:a9fe:a9fe       | cloud metadata       | cloud metadata
            ::ffff:10.0.0.1        | private address (10/8) | -
            64:ff9b::7f00:1        | loopback             | -
            2002:7f00:1::1         | loopback             | -
            """)
    void table(String address, String byDefault, String withAllowPrivate) throws Exception {
        InetAddress a = parse(address);
        check(new WebhookAddressPolicy(false), a, byDefault);
        check(new WebhookAddressPolicy(true), a, withAllowPrivate);
    }

    @org.junit.jupiter.api.Test
    void anIpv6AddressObjectCarryingMappedIpv4IsJudgedByTheIpv4() throws Exception {
        // InetAddress.getByName turns ::ffff:a.b.c.d into an Inet4Address; a resolver may hand back the raw IPv6 form
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        InetAddress a = java.net.Inet6Address.getByAddress(null, mapped, -1);
        assertThat(new WebhookAddressPolicy(false).refusal(a)).hasValueSatisfying(
                why -> assertThat(why).contains("carries IPv4 127.0.0.1").contains("loopback"));
    }

    @ParameterizedTest
    @CsvSource({"metadata.google.internal", "METADATA.GOOGLE.INTERNAL.", "metadata.goog", "instance-data.ec2.internal"})
    void metadataNamesAreRefusedBeforeResolving(String name) {
        WebhookTargets targets = new WebhookTargets(new WebhookAddressPolicy(true), host -> {
            throw new AssertionError("resolved " + host);
        });
        assertThat(targets.refusalNow(URI.create("http://" + name + "/hook"))).hasValueSatisfying(
                why -> assertThat(why).contains("cloud metadata service name"));
    }

    @ParameterizedTest
    @CsvSource({"93.184.215.14,127.0.0.1", "10.0.0.5,93.184.215.14"})
    void aNameIsRefusedWhenAnyOfItsAddressesIs(String first, String second) {
        WebhookTargets targets = new WebhookTargets(new WebhookAddressPolicy(false),
                host -> new InetAddress[] {parse(first), parse(second)});
        assertThat(targets.refusalNow(URI.create("https://hooks.example.com/x"))).hasValueSatisfying(
                why -> assertThat(why).startsWith("hooks.example.com resolves to "));
    }

    private static void check(WebhookAddressPolicy policy, InetAddress a, String expected) {
        if (expected.equals("-")) {
            assertThat(policy.refusal(a)).as("%s allowed", a).isEmpty();
        } else {
            assertThat(policy.refusal(a)).as("%s refused", a).hasValueSatisfying(why -> assertThat(why).contains(expected));
        }
    }

    /** A literal only: never a DNS lookup. */
    private static InetAddress parse(String literal) {
        try {
            if (!literal.matches("[0-9a-fA-F:.]+")) throw new IllegalArgumentException(literal);
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
