package io.spyglass.server.listen;

import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One clear log line for what Jetty refuses before any handler runs, which it otherwise logs only
 * at debug: a request it cannot parse (a header block over the limit gets 431, a malformed request
 * line 400) and a failed TLS handshake (typically a plain-HTTP client on the https port). The
 * connection is refused; the server goes on serving everyone else. Added to the connector as a bean.
 */
final class BadInputLog implements HttpChannel.Listener, SslHandshakeListener {
    private static final Logger log = LoggerFactory.getLogger(BadInputLog.class);

    @Override
    public void onRequestFailure(Request request, Throwable failure) {
        if (failure instanceof BadMessageException bad) {
            log.warn("refused a request from {}: {} {}", request.getRemoteInetSocketAddress(), bad.getCode(), bad.getReason());
        }
    }

    @Override
    public void handshakeFailed(Event event, Throwable failure) {
        String peer = event.getSSLEngine().getPeerHost() + ":" + event.getSSLEngine().getPeerPort();
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        log.warn("TLS handshake with {} failed: {}{}", peer, reason,
                reason.contains("plaintext") ? " (a plain-HTTP client on the https port? use https://)" : "");
    }
}
