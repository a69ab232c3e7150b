package io.spyglass.server.listen;

import io.javalin.config.JavalinConfig;
import io.spyglass.server.tls.CertificateReloader;
import io.spyglass.server.tls.PemKeyMaterial;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connector the server listens on, in place of Javalin's default: plain HTTP/1.1, or TLS
 * where ALPN offers HTTP/2 ({@code h2}) and HTTP/1.1, with {@code Strict-Transport-Security} on
 * every answer. Both get the header deadline, the idle timeout and a log line for refused input.
 * The certificate is read when this is made, so a bad file stops {@code serve} before anything
 * else starts.
 */
public final class HttpListener {
    private static final Logger log = LoggerFactory.getLogger(HttpListener.class);
    /** One year, the usual HSTS lifetime; subdomains are left to their own servers. */
    private static final long HSTS_SECONDS = TimeUnit.DAYS.toSeconds(365);

    private final int port;
    private final Listening listening;
    private final boolean httpsBaseUrl;
    private final SslContextFactory.Server ssl;

    private HttpListener(int port, Listening listening, boolean httpsBaseUrl, SslContextFactory.Server ssl) {
        this.port = port;
        this.listening = listening;
        this.httpsBaseUrl = httpsBaseUrl;
        this.ssl = ssl;
    }

    /** Reads the certificate files now; throws {@link io.spyglass.server.tls.TlsFileException} naming a bad one. */
    public static HttpListener prepare(int port, Listening listening, String baseUrl) {
        Listening l = listening == null ? Listening.PLAIN : listening;
        SslContextFactory.Server ssl = null;
        if (l.isTls()) {
            PemKeyMaterial material = PemKeyMaterial.read(l.tls().certificate(), l.tls().key());
            ssl = new SslContextFactory.Server();
            ssl.setKeyStore(material.keyStore());
            ssl.setKeyStorePassword(PemKeyMaterial.storePassword());
            // HTTP/2 forbids the older ciphers (RFC 7540 appendix A): offer the allowed ones first
            ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
            ssl.setUseCipherSuitesOrder(true);
            log.info("TLS: https with HTTP/2 and HTTP/1.1, certificate from {}: {}", l.tls().certificate(), material.describe());
        }
        return new HttpListener(port, l, baseUrl != null && baseUrl.startsWith("https://"), ssl);
    }

    /** Makes Javalin listen through this connector only. */
    public void install(JavalinConfig config) {
        config.jetty.addConnector(this::connector);
    }

    private ServerConnector connector(Server server, HttpConfiguration javalinHttp) {
        HttpConfiguration http = new HttpConfiguration(javalinHttp);
        ServerConnector connector;
        if (ssl == null) {
            if (httpsBaseUrl) http.addCustomizer(new ExternalHttps());
            connector = new ServerConnector(server, plainHttp(http));
        } else {
            SecureRequestCustomizer secure = new SecureRequestCustomizer(false, HSTS_SECONDS, false);
            // clients that reach us by IP or another name than the certificate's still get answers
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            http.addCustomizer(new AuthorityAsHost());
            HttpConnectionFactory http1 = new HttpConnectionFactory(http);
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", http1.getProtocol());
            alpn.setDefaultProtocol(http1.getProtocol());
            connector = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn,
                    new HTTP2ServerConnectionFactory(http), http1);
            server.addBean(new Reloading(listening, ssl));
        }
        connector.setPort(port);
        if (listening.host() != null) connector.setHost(listening.host());
        connector.setIdleTimeout(listening.idleTimeout().toMillis());
        connector.addBean(new BadInputLog());
        connector.addBean(new HeaderDeadline(listening.headerTimeout()));
        return connector;
    }

    /**
     * Plain HTTP/1.1 reading request bodies in 128 KiB buffers instead of Jetty's 8 KiB default:
     * a layer upload is then far fewer reads, parser passes and callbacks per GiB (push CPU, JFR).
     */
    private static HttpConnectionFactory plainHttp(HttpConfiguration http) {
        HttpConnectionFactory f = new HttpConnectionFactory(http);
        f.setInputBufferSize(128 * 1024);
        return f;
    }

    /** The certificate reloader as a Jetty bean: it runs while the server runs. */
    private static final class Reloading extends AbstractLifeCycle {
        private final Listening listening;
        private final SslContextFactory.Server ssl;
        private CertificateReloader reloader;

        Reloading(Listening listening, SslContextFactory.Server ssl) {
            this.listening = listening;
            this.ssl = ssl;
        }

        @Override
        protected void doStart() {
            reloader = CertificateReloader.start(listening.tls(), ssl);
        }

        @Override
        protected void doStop() {
            reloader.close();
        }
    }
}
