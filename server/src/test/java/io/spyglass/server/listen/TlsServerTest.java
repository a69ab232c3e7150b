package io.spyglass.server.listen;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.ServerConfig;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.tls.TestCertificates;
import io.spyglass.server.tls.TestCertificates.KeyFormat;
import io.spyglass.server.tls.TestCertificates.ServerFiles;
import io.spyglass.server.tls.TlsConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with TLS, hit by Java's own HTTP client trusting only a test CA: HTTP/2 through
 * ALPN, HSTS and a Secure session cookie, a renewed certificate picked up without a restart (and a
 * half-written one ignored), and the bad input a public server meets: plain HTTP on the https port,
 * an oversized header block, a slow-loris client. Each is logged, and the server goes on serving.
 */
class TlsServerTest {
    @TempDir
    Path dir;
    private TestCertificates ca;
    private ServerFiles files;
    private ServerFixture server;
    private HttpClient client;
    private LogLines log;

    @BeforeEach
    void start() throws Exception {
        ca = TestCertificates.newAuthority();
        files = ca.issue(dir.resolve("tls"), "RSA", KeyFormat.PKCS1_OR_SEC1);
        log = new LogLines("io.spyglass.server");
        Listening listening = new Listening(new TlsConfig(files.certificate(), files.key(), Duration.ofMillis(200)),
                Duration.ofSeconds(2), Listening.IDLE_TIMEOUT);
        server = ServerFixture.start(new ServerConfig(0, dir.resolve("data")).withListening(listening));
        client = newClient();
    }

    @AfterEach
    void stop() {
        server.close();
        log.close();
    }

    private HttpClient newClient() throws Exception {
        return HttpClient.newBuilder().sslContext(ca.clientContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private HttpResponse<String> get(HttpClient c, String path) throws Exception {
        return c.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.server().port() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void speaksHttp2WithHstsAndASecureSessionCookie() throws Exception {
        HttpResponse<String> v2 = get(client, "/v2/");
        assertThat(v2.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(v2.statusCode()).isEqualTo(401);
        assertThat(v2.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(h -> assertThat(h).startsWith("max-age="));
        assertThat(v2.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("realm=\"https://localhost:"));

        HttpResponse<String> signin = get(client, "/signin");
        assertThat(signin.statusCode()).isEqualTo(200);
        assertThat(signin.headers().allValues("Set-Cookie")).anySatisfy(c ->
                assertThat(c).startsWith("spyglass_session=").containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly"));
    }

    @Test
    void aRenewedCertificateIsServedToNewConnectionsAndAHalfWrittenOneIsNot() throws Exception {
        assertThat(servedSerial()).isEqualTo(files.leaf().getSerialNumber());

        ServerFiles renewed = ca.issue(dir.resolve("tls"), "EC", KeyFormat.PKCS8);
        assertThat(log.await("TLS: certificate reloaded", 10_000)).as("log: %s", log.lines()).isTrue();
        assertThat(servedSerial()).isEqualTo(renewed.leaf().getSerialNumber());

        String pem = Files.readString(renewed.certificate());
        Files.writeString(renewed.certificate(), pem.substring(0, pem.length() / 2));
        assertThat(log.await("the previous certificate stays in force", 10_000)).as("log: %s", log.lines()).isTrue();
        assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains(renewed.certificate().toString()).contains("not a complete PEM file"));
        assertThat(servedSerial()).isEqualTo(renewed.leaf().getSerialNumber());
        assertThat(get(newClient(), "/v2/").statusCode()).isEqualTo(401);
    }

    /** The serial of the certificate a brand-new client (new connection) is given. */
    private BigInteger servedSerial() throws Exception {
        HttpResponse<String> r = get(newClient(), "/v2/");
        X509Certificate leaf = (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
        return leaf.getSerialNumber();
    }

    @Test
    void plainHttpOnTheHttpsPortIsRefusedAndLogged() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.server().port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /v2/ HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            byte[] answer = s.getInputStream().readNBytes(64);
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1 200");
        }
        assertThat(log.await("plain-HTTP client on the https port", 10_000)).as("log: %s", log.lines()).isTrue();
        assertThat(get(client, "/v2/").statusCode()).isEqualTo(401);
    }

    @Test
    void anOversizedHeaderGets431AndTheServerGoesOn() throws Exception {
        HttpClient http1 = HttpClient.newBuilder().sslContext(ca.clientContext()).version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> big = http1.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.server().port() + "/v2/"))
                .header("X-Big", "x".repeat(64 * 1024)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(big.statusCode()).isEqualTo(431);
        assertThat(log.await("431", 10_000)).as("log: %s", log.lines()).isTrue();
        assertThat(get(client, "/v2/").statusCode()).isEqualTo(401);
    }

    @Test
    void aSlowLorisClientIsDroppedWhileOthersAreServed() throws Exception {
        javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) ca.clientContext().getSocketFactory()
                .createSocket("localhost", server.server().port());
        s.setSoTimeout(20_000);
        s.startHandshake();
        OutputStream out = s.getOutputStream();
        out.write("GET /v2/ HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long started = System.currentTimeMillis();
        boolean dropped = false;
        // one header byte every 300 ms: never idle, never done; the deadline is 2 s
        for (int i = 0; i < 40 && !dropped; i++) {
            try {
                out.write('X');
                out.flush();
                Thread.sleep(300);
                assertThat(get(client, "/v2/").statusCode()).isEqualTo(401);
            } catch (java.io.IOException e) {
                dropped = true;
            }
        }
        if (!dropped) {
            InputStream in = s.getInputStream();
            dropped = in.read() == -1;
        }
        long took = System.currentTimeMillis() - started;
        assertThat(dropped).as("slow client still connected after %d ms", took).isTrue();
        assertThat(took).isLessThan(15_000);
        assertThat(log.await("request headers not complete", 5_000)).as("log: %s", log.lines()).isTrue();
        s.close();
    }
}
