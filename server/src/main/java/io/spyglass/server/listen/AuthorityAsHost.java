package io.spyglass.server.listen;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * HTTP/2 requests carry the host in {@code :authority}, not in a {@code Host} header, but the
 * token realm, {@code docker pull} lines and SBOM names are built from {@code Host}: give HTTP/2
 * requests the header HTTP/1.1 clients send.
 */
final class AuthorityAsHost implements HttpConfiguration.Customizer {
    @Override
    public void customize(Connector connector, HttpConfiguration channelConfig, Request request) {
        if (request.getHttpFields().get(HttpHeader.HOST) != null) return;
        HttpURI uri = request.getHttpURI();
        if (uri.getHost() == null) return;
        String authority = uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
        request.setHttpFields(HttpFields.build(request.getHttpFields()).add(HttpHeader.HOST, authority));
    }
}
