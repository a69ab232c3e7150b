package io.spyglass.server.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a webhook URL's host once and checks every address it resolves to against the
 * {@link WebhookAddressPolicy}. The addresses returned are the ones the sender connects to, so a
 * name that resolves to a public address when checked and to 127.0.0.1 a moment later (DNS
 * rebinding) still gets the checked one.
 */
public final class WebhookTargets {

    /** The DNS lookup; {@code InetAddress::getAllByName} outside tests. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final WebhookAddressPolicy policy;
    private final Resolver dns;

    public WebhookTargets(WebhookAddressPolicy policy) {
        this(policy, InetAddress::getAllByName);
    }

    WebhookTargets(WebhookAddressPolicy policy, Resolver dns) {
        this.policy = policy;
        this.dns = dns;
    }

    public WebhookAddressPolicy policy() {
        return policy;
    }

    /**
     * The checked addresses of {@code uri}'s host. Refused if any of them is forbidden, not only the
     * first: a client could pick any of them.
     */
    public List<InetAddress> resolve(URI uri) throws UnknownHostException {
        String host = host(uri);
        Optional<String> byName = policy.refusal(host);
        if (byName.isPresent()) throw new WebhookRefused(byName.get());
        InetAddress[] addresses = dns.resolve(host);
        for (InetAddress a : addresses) {
            Optional<String> why = policy.refusal(a);
            if (why.isPresent()) {
                throw new WebhookRefused(isLiteral(host) ? why.get() : host + " resolves to " + why.get());
            }
        }
        return List.of(addresses);
    }

    /** The check at save time: refused with the reason, or fine; a name that does not resolve yet is let through (checked again at delivery). */
    public Optional<String> refusalNow(URI uri) {
        try {
            resolve(uri);
            return Optional.empty();
        } catch (WebhookRefused e) {
            return Optional.of(e.getMessage());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The host without IPv6 brackets. */
    static String host(URI uri) {
        String host = uri.getHost();
        if (host == null) throw new WebhookRefused("webhook url has no host");
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }
}
