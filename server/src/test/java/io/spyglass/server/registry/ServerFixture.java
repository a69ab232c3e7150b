package io.spyglass.server.registry;

import io.spyglass.server.ServerConfig;
import io.spyglass.server.SpyglassServer;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Spyglass server on a random port, plus the accounts and an HTTP client the registry
 * tests use. {@link #start(ServerConfig)} takes any storage stack (SQLite + folder by default;
 * PostgreSQL + S3 in the storage suite).
 */
public class ServerFixture implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final SpyglassServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    protected ServerFixture(SpyglassServer server) {
        this.server = server;
    }

    /** SQLite and blobs in {@code dir}. */
    public static ServerFixture sqliteAndFolder(Path dir) throws Exception {
        return start(new ServerConfig(0, dir));
    }

    public static ServerFixture start(ServerConfig config) throws Exception {
        if (config.port() != 0) throw new IllegalArgumentException("tests use a random port (0)");
        return new ServerFixture(SpyglassServer.start(config));
    }

    public SpyglassServer server() {
        return server;
    }

    public Hub hub() {
        return server.hub();
    }

    /** {@code 127.0.0.1:PORT}, as a registry host for skopeo. */
    public String host() {
        return "127.0.0.1:" + server.port();
    }

    public String baseUrl() {
        return "http://" + host();
    }

    /** A user with a password. */
    public record Account(String name, String password) {
        public String basic() {
            return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A new user with a unique name starting with {@code prefix}. */
    public Account newUser(String prefix) {
        String name = prefix + COUNTER.incrementAndGet() + "x" + Long.toString(System.nanoTime() % 100000, 36);
        String password = "pw-" + name + "-secret";
        hub().users().create(name, password);
        return new Account(name, password);
    }

    /** A new organisation owned by {@code owner}. */
    public String newOrg(String prefix, Account owner) {
        String name = prefix + COUNTER.incrementAndGet() + "o" + Long.toString(System.nanoTime() % 100000, 36);
        hub().organizations().create(name, Plan.TEAM, hub().users().require(owner.name()));
        return name;
    }

    public void addMember(String org, Account user, Role role) {
        hub().organizations().addMember(hub().organizations().require(org), hub().users().require(user.name()), role);
    }

    /** Sends a request; {@code auth} is a full Authorization header value or null. */
    public HttpResponse<byte[]> send(String method, String pathAndQuery, String auth, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(pathAndQuery.startsWith("http") ? pathAndQuery : baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (auth != null) b.header("Authorization", auth);
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient http() {
        return http;
    }

    @Override
    public void close() {
        server.stop();
    }
}
