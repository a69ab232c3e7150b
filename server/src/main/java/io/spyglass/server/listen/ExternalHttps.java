package io.spyglass.server.listen;

import org.eclipse.jetty.http.HttpScheme;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Behind a TLS-terminating reverse proxy with {@code --base-url https://…}, every request reached
 * the proxy over https even though it reaches us in plain HTTP: mark it so ({@code https} scheme,
 * secure), so the session cookie is {@code Secure} whether or not the proxy sends
 * {@code X-Forwarded-Proto}.
 */
final class ExternalHttps implements HttpConfiguration.Customizer {
    @Override
    public void customize(Connector connector, HttpConfiguration channelConfig, Request request) {
        request.setHttpURI(HttpURI.build(request.getHttpURI()).scheme(HttpScheme.HTTPS));
        request.setSecure(true);
    }
}
