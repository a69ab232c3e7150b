package io.spyglass.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real Spyglass server on a random port, plus the accounts and an HTTP client the registry
 * tests use, and the steps the analysis and CLI tests share: set a repository's image insight,
 * push an image with the real skopeo, wait for its report. {@link #start(ServerConfig)} takes any
 * storage stack (SQLite + folder by default; PostgreSQL + S3 in the storage suite).
 */
public class ServerFixture implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** Sets {@code NS/NAME}'s image insight through the API as {@code who}; the answer, for the test to check. */
    public HttpResponse<byte[]> setInsight(Account who, String repo, String insight) {
        return send("PUT", "/api/repositories/" + repo + "/settings", who.basic(),
                ("{\"imageInsight\":\"" + insight + "\"}").getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
    }

    /** Creates {@code namespace/name} with image insight {@code insight}, set through the API by {@code owner}; returns NS/NAME. */
    public String analysedRepository(Account owner, String namespace, String name, boolean isPrivate, String insight) {
        hub().repositories().create(namespace, name, isPrivate);
        String repo = namespace + "/" + name;
        HttpResponse<byte[]> set = setInsight(owner, repo, insight);
        if (set.statusCode() != 200) {
            throw new AssertionError("image insight " + insight + " on " + repo + ": HTTP " + set.statusCode() + " " + new String(set.body(), StandardCharsets.UTF_8));
        }
        return repo;
    }

    /** Pushes {@code source} (skopeo's form, e.g. {@code oci:LAYOUT:TAG}) to {@code NS/NAME:TAG} here as {@code who}; the manifest digest. */
    public String push(Path workDir, Account who, String source, String destination) throws java.io.IOException, InterruptedException {
        return Skopeo.push(workDir, source, host() + "/" + destination, Skopeo.authFile(workDir, host(), who.name(), who.password()));
    }

    /** The tag's report as {@code who} reads it ({@code GET /api/repositories/NS/NAME/tags/TAG}); fails unless it answers 200. */
    public JsonNode report(Account who, String repo, String tag) throws java.io.IOException {
        HttpResponse<byte[]> r = send("GET", "/api/repositories/" + repo + "/tags/" + tag, who == null ? null : who.basic(), null);
        if (r.statusCode() != 200) throw new AssertionError(repo + ":" + tag + ": HTTP " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
        return JSON.readTree(r.body());
    }

    /** Waits (up to four minutes: a loaded CI machine) until {@code done} holds for the tag's report, read as {@code who}; that report. */
    public JsonNode awaitReport(Account who, String repo, String tag, Predicate<JsonNode> done) throws Exception {
        long deadline = System.currentTimeMillis() + 240_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<byte[]> r = send("GET", "/api/repositories/" + repo + "/tags/" + tag, who.basic(), null);
            if (r.statusCode() == 200) {
                last = JSON.readTree(r.body());
                if (done.test(last)) return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(repo + ":" + tag + " never got there; last summary: " + (last == null ? null : last.path("summary"))
                + " findings: " + (last == null ? null : findings(last)));
    }

    /** Waits until the tag's analysis status (queued, analysing, done, failed, off) is {@code status}; the report. */
    public JsonNode awaitStatus(Account who, String repo, String tag, String status) throws Exception {
        return awaitReport(who, repo, tag, r -> status(r).equals(status));
    }

    /** Waits until no analysis or re-evaluation job is pending. */
    public void awaitNoJobs() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 240_000;
        while (server.analysis().pendingJobs() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(100);
        if (server.analysis().pendingJobs() > 0) throw new AssertionError(server.analysis().pendingJobs() + " jobs still pending after four minutes");
    }

    /** A report's analysis status. */
    public static String status(JsonNode report) {
        return report.path("summary").path("status").asText();
    }

    /** A report's findings, one line each: {@code PACKAGE VERSION VULNERABILITY SEVERITY fixed:VERSION}. */
    public static List<String> findings(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode image : report.path("images")) {
            for (JsonNode p : image.path("packages")) {
                for (JsonNode f : p.path("findings")) {
                    out.add(p.path("name").asText() + " " + p.path("version").asText() + " " + f.path("vulnerabilityId").asText()
                            + " " + f.path("severity").asText() + " fixed:" + f.path("fixedVersion").asText());
                }
            }
        }
        return out;
    }

    /** The JSON of a 200 answer; fails with the body otherwise. */
    public static JsonNode json(HttpResponse<byte[]> r) throws java.io.IOException {
        if (r.statusCode() != 200) throw new AssertionError("HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        return JSON.readTree(r.body());
    }

    public HttpClient http() {
        return http;
    }

    @Override
    public void close() {
        server.stop();
    }
}
