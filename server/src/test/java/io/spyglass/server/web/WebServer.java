package io.spyglass.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spyglass.server.ServerConfig;
import io.spyglass.server.SpyglassServer;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importers;
import io.spyglass.server.analysis.Analysis;
import io.spyglass.server.analysis.report.ReportModel;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.hub.Role;
import io.spyglass.server.hub.User;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import io.spyglass.testing.SharedData;

/**
 * A real Spyglass server (SQLite and blobs in a temp folder, random port) for page tests, with the
 * admin actions a test needs done through the hub itself, and pushes done by the real skopeo.
 */
final class WebServer implements AutoCloseable {
    static final String PASSWORD = "correct-horse-battery";

    private final SpyglassServer server;

    private WebServer(SpyglassServer server) {
        this.server = server;
    }

    static WebServer start(Path dataDir) throws Exception {
        return start(dataDir, true);
    }

    static WebServer start(Path dataDir, boolean signupOpen) throws Exception {
        return new WebServer(SpyglassServer.start(new ServerConfig(0, dataDir, signupOpen)));
    }

    /** The server's blob store, to take bytes away behind its back. */
    io.spyglass.server.store.blob.BlobStore blobs() {
        return server.blobStore();
    }

    /** A server on the given storage (e.g. PostgreSQL and S3 from {@code PostgresS3Stack}). */
    static WebServer start(io.spyglass.server.ServerConfig config) throws Exception {
        return new WebServer(SpyglassServer.start(config));
    }

    String base() {
        return "http://localhost:" + server.port();
    }

    String host() {
        return "localhost:" + server.port();
    }

    Hub hub() {
        return server.hub();
    }

    Analysis analysis() {
        return server.analysis();
    }

    io.spyglass.server.store.Database database() {
        return server.database();
    }

    /**
     * Imports the shared GHSA records (real OSV files: lodash, minimist, jackson-databind… which the
     * corpus Debian image holds) into the server's advisory store, as {@code spyglass db import} does.
     */
    void importGhsa() throws IOException {
        List<Path> files;
        try (var list = Files.list(SharedData.require("data/advisories/ghsa"))) {
            files = list.filter(f -> f.getFileName().toString().matches("GHSA-.*\\.json")).sorted().toList();
        }
        ImportResult ghsa = Importers.forSource("ghsa").orElseThrow().read(files);
        assertThat(ghsa.problems()).isEmpty();
        analysis().advisoryStore().replaceSource("ghsa", ghsa.records(), "shared");
    }

    /** Waits until {@code done} holds for the tag's stored report, read as its owner would. */
    ReportModel.TagReport awaitReport(User who, String namespace, String name, String tag,
                                      Predicate<ReportModel.TagReport> done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 240_000;
        ReportModel.TagReport last = null;
        while (System.currentTimeMillis() < deadline) {
            last = analysis().reports().tag(Caller.password(who), namespace, name, tag).orElse(null);
            if (last != null && done.test(last)) return last;
            Thread.sleep(200);
        }
        throw new AssertionError(namespace + "/" + name + ":" + tag + " never got there; last: "
                + (last == null ? null : last.summary()));
    }

    User user(String name) {
        return hub().users().create(name, PASSWORD);
    }

    Organization org(String name, Plan plan, User owner) {
        return hub().organizations().create(name, plan, owner);
    }

    void member(Organization org, User user, Role role) {
        hub().organizations().addMember(org, user, role);
    }

    Repository repo(String namespace, String name) {
        return hub().repositories().find(namespace, name).orElseThrow();
    }

    /** Pushes {@code ociDir:sourceTag} to {@code ns/name:tag} with skopeo as {@code user}; skips when skopeo is missing. */
    void push(Path ociDir, String sourceTag, String destination, String user) throws IOException, InterruptedException {
        pushWithSecret(ociDir, sourceTag, destination, user, PASSWORD);
    }

    /** The same with a password or a personal access token. */
    void pushWithSecret(Path ociDir, String sourceTag, String destination, String user, String secret)
            throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo is not installed (scripts/test installs it)");
        Process p = new ProcessBuilder("skopeo", "copy", "--dest-tls-verify=false", "--dest-creds", user + ":" + secret,
                "oci:" + ociDir + ":" + sourceTag, "docker://" + host() + "/" + destination)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("skopeo finished").isTrue();
        assertThat(p.exitValue()).as("skopeo copy failed:\n%s", output).isZero();
    }

    /** A plain HTTP client with its own cookie jar, for what a browser can't show (status codes, forged posts). */
    static HttpClient client() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postForm(HttpClient client, String path, List<String> keysAndValues)
            throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(java.net.URLEncoder.encode(keysAndValues.get(i), StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(keysAndValues.get(i + 1), StandardCharsets.UTF_8));
        }
        return client.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", "text/html")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.stop();
    }
}
