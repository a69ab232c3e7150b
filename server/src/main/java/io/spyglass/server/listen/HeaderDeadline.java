package io.spyglass.server.listen;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops slow-loris clients. Jetty's idle timeout restarts with every byte, so a client that sends
 * one header byte every few seconds would hold a connection (and, in numbers, the server) forever.
 * This gives every HTTP/1 request's headers, and every TLS handshake, a deadline from the moment
 * they start (Go's {@code ReadHeaderTimeout}, nginx's {@code client_header_timeout}); bodies are
 * left to the idle timeout, as a large layer upload may take long but never stalls. HTTP/2
 * streams have their own limits in Jetty. Added to the connector as a bean: Jetty calls the
 * listener methods and starts and stops the sweep with the connector.
 */
final class HeaderDeadline extends AbstractLifeCycle implements Connection.Listener, SslHandshakeListener {
    private static final Logger log = LoggerFactory.getLogger(HeaderDeadline.class);

    private final long timeoutMillis;
    private final Map<Connection, Watch> open = new ConcurrentHashMap<>();
    private final Map<SSLEngine, Watch> handshakes = new ConcurrentHashMap<>();
    private ScheduledExecutorService sweeper;

    HeaderDeadline(Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    protected void doStart() {
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "http-header-deadline");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(50, Math.min(1000, timeoutMillis / 4));
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        sweeper.shutdownNow();
        open.clear();
        handshakes.clear();
    }

    @Override
    public void onOpened(Connection connection) {
        Watch w = new Watch(connection, System.currentTimeMillis());
        if (connection instanceof SslConnection ssl) handshakes.put(ssl.getSSLEngine(), w);
        if (connection instanceof SslConnection || connection instanceof HttpConnection) open.put(connection, w);
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
        if (connection instanceof SslConnection ssl) handshakes.remove(ssl.getSSLEngine());
    }

    @Override
    public void handshakeSucceeded(Event event) {
        Watch w = handshakes.remove(event.getSSLEngine());
        if (w != null) open.remove(w.connection);
    }

    private void sweep() {
        long now = System.currentTimeMillis();
        for (Watch w : open.values()) {
            try {
                if (w.connection instanceof HttpConnection http) {
                    sweepHttp(w, http, now);
                } else if (now - w.since > timeoutMillis) {
                    drop(w, "TLS handshake not complete after " + timeoutMillis + " ms");
                }
            } catch (RuntimeException e) {
                log.debug("header deadline check of {} failed", w.connection, e);
            }
        }
    }

    /** Times a request's header phase: from when it is first seen part-read until the request begins. */
    private void sweepHttp(Watch w, HttpConnection http, long now) {
        HttpParser parser = http.getParser();
        long requests = http.getHttpChannel().getRequests();
        boolean readingHeaders = !parser.isStart() && parser.inHeaderState();
        if (!readingHeaders || requests != w.requests) {
            w.requests = requests;
            w.since = readingHeaders ? now : -1;
        } else if (w.since < 0) {
            w.since = now;
        } else if (now - w.since > timeoutMillis) {
            drop(w, "request headers not complete after " + timeoutMillis + " ms (slow client)");
        }
    }

    private void drop(Watch w, String why) {
        open.remove(w.connection);
        log.warn("dropped the connection from {}: {}", w.connection.getEndPoint().getRemoteSocketAddress(), why);
        w.connection.getEndPoint().close();
    }

    /** One connection's clock; only the sweeper thread changes it after it is made. */
    private static final class Watch {
        final Connection connection;
        long since;
        long requests;

        Watch(Connection connection, long openedAt) {
            this.connection = connection;
            this.since = connection instanceof HttpConnection ? -1 : openedAt;
        }
    }
}
