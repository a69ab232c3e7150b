package io.spyglass.server.listen;

import io.spyglass.server.tls.TlsConfig;
import java.time.Duration;

/**
 * How the server listens: plain HTTP (the default) or TLS, and the time limits that protect it
 * from clients that hold connections without making progress.
 *
 * @param tls           certificate and key files; null = plain HTTP
 * @param headerTimeout most time a request's headers (or a TLS handshake) may take once started
 * @param idleTimeout   most time a connection may go without a byte in either direction
 * @param host          the address to listen on; null = every interface
 */
public record Listening(TlsConfig tls, Duration headerTimeout, Duration idleTimeout, String host) {
    public static final Duration HEADER_TIMEOUT = Duration.ofSeconds(20);
    /** Jetty's default; a layer upload that stalls this long is dropped, clients retry. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Listening PLAIN = new Listening(null, HEADER_TIMEOUT, IDLE_TIMEOUT);
    /** Plain HTTP on 127.0.0.1 only: for a process's own use, unreachable from the network. */
    public static final Listening LOOPBACK = new Listening(null, HEADER_TIMEOUT, IDLE_TIMEOUT, "127.0.0.1");

    public Listening {
        if (headerTimeout == null) headerTimeout = HEADER_TIMEOUT;
        if (idleTimeout == null) idleTimeout = IDLE_TIMEOUT;
        if (headerTimeout.isNegative() || headerTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive: header " + headerTimeout + ", idle " + idleTimeout);
        }
    }

    /** Every interface. */
    public Listening(TlsConfig tls, Duration headerTimeout, Duration idleTimeout) {
        this(tls, headerTimeout, idleTimeout, null);
    }

    /** TLS with the default time limits. */
    public static Listening tls(TlsConfig tls) {
        return new Listening(tls, HEADER_TIMEOUT, IDLE_TIMEOUT);
    }

    public boolean isTls() {
        return tls != null;
    }
}
