package io.spyglass.server.webhook;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs one webhook delivery to the address that was checked: the host is resolved and checked
 * once ({@link WebhookTargets}), and the client's DNS resolver is pinned to that answer, while the
 * URL's name still goes in the Host header and TLS SNI and certificate check. Redirects are not
 * followed (a redirect could point anywhere, the checked policy included); no proxy from the
 * environment is used.
 */
public final class WebhookSender {
    private static final Timeout CONNECT = Timeout.ofSeconds(5);
    private static final Timeout ANSWER = Timeout.ofSeconds(10);

    private final WebhookTargets targets;

    public WebhookSender(WebhookTargets targets) {
        this.targets = targets;
    }

    /**
     * The receiver's status code. Throws {@link WebhookRefused} when the target's address is
     * refused or it answers with a redirect, {@link IOException} when it cannot be reached.
     */
    public int post(URI url, Map<String, String> headers, String json) throws IOException {
        List<InetAddress> checked = targets.resolve(url);
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        try (CloseableHttpClient client = pinnedTo(checked)) {
            return client.execute(post, response -> {
                int code = response.getCode();
                if (code >= 300 && code < 400) {
                    Header location = response.getFirstHeader("Location");
                    throw new WebhookRefused("answered HTTP " + code + (location == null ? "" : " to " + location.getValue())
                            + "; redirects are not followed");
                }
                return code;
            });
        }
    }

    /** A one-delivery client whose DNS answers only the checked addresses. */
    private static CloseableHttpClient pinnedTo(List<InetAddress> checked) {
        InetAddress[] answer = checked.toArray(InetAddress[]::new);
        DnsResolver pinned = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) {
                return answer.clone();
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return host;
            }
        };
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(pinned)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(CONNECT).setSocketTimeout(ANSWER).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(ANSWER).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .build();
    }
}
