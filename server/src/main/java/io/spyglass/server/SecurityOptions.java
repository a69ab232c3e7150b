package io.spyglass.server;

import java.util.List;

/**
 * The {@code serve} options that loosen or tune the web security defaults.
 *
 * @param allowPrivateWebhooks {@code --allow-private-webhooks}: webhooks may go to loopback, private
 *                             and link-local addresses (on-prem receivers); cloud metadata stays refused
 * @param trustedProxies       {@code --trusted-proxy}: addresses or CIDR ranges of reverse proxies whose
 *                             {@code X-Forwarded-For} names the client (for sign-in throttling);
 *                             empty = the socket's peer is the client
 */
public record SecurityOptions(boolean allowPrivateWebhooks, List<String> trustedProxies) {
    public static final SecurityOptions DEFAULT = new SecurityOptions(false, List.of());

    public SecurityOptions {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    public SecurityOptions withAllowPrivateWebhooks(boolean allow) {
        return new SecurityOptions(allow, trustedProxies);
    }
}
