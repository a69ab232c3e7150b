package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.spyglass.server.hub.Role;
import io.spyglass.server.hub.TokenScope;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.server.ServerConfig;
import io.spyglass.server.store.DatabaseConfig;
import io.spyglass.server.testing.PostgresFixture;
import io.spyglass.testing.SharedData;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that act on a running server: {@code repo settings} over its API, and
 * {@code db import|update|status} and {@code admin reevaluate} on its database, after which the
 * server re-evaluates the stored reports by itself.
 */
class ServerCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A real Arch AVG feed (anchore/vunnel's fixture): openssl < 3.2.0-1 is affected by CVE-2024-5678 and -5679. */
    static final String ARCH_ALL = "data/advisories/distro-samples/arch/anchore/vunnel/tests/unit/providers/arch/test-fixtures/input/arch-advisories/all.json";
    /** Another real AVG feed (aquasecurity/vuln-list-update's): curl and bzip2 only, nothing in the corpus Arch image. */
    static final String ARCH_OTHER = "data/advisories/vuln-list-update-testdata/arch/testdata/archlinux.json";

    @TempDir
    Path dir;

    @Test
    void repoSettingsChangesTheSettingAndSaysWhyWhenRefused() throws Exception {
        try (ServerFixture fx = ServerFixture.sqliteAndFolder(dir.resolve("data"))) {
            Account owner = fx.newUser("owner");
            String org = fx.newOrg("acme", owner);
            fx.hub().repositories().create(org, "app", false);
            fx.hub().repositories().create(owner.name(), "own", false);
            String token = fx.hub().tokens().create(fx.hub().users().require(owner.name()), "cli", TokenScope.ADMIN).secret();

            CliRun ok = settings(fx, owner.name(), token, org + "/app", "advanced");
            assertThat(ok.exitCode()).as(ok.err()).isZero();
            assertThat(ok.out()).contains(org + "/app: image insight advanced");
            assertThat(insight(fx, owner, org + "/app")).isEqualTo("advanced");

            // a user's own namespace is on the free plan: advanced is refused with the reason, basic is fine
            CliRun refused = settings(fx, owner.name(), token, owner.name() + "/own", "advanced");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("409", "advanced image analysis needs a pro, team or business plan",
                    "'" + owner.name() + "' is on the free plan");
            assertThat(insight(fx, owner, owner.name() + "/own")).isEqualTo("none");
            assertThat(settings(fx, owner.name(), token, owner.name() + "/own", "basic").exitCode()).isZero();
            assertThat(insight(fx, owner, owner.name() + "/own")).isEqualTo("basic");

            Account member = fx.newUser("member");
            fx.addMember(org, member, Role.MEMBER);
            CliRun denied = settings(fx, member.name(), member.password(), org + "/app", "none");
            assertThat(denied.exitCode()).isEqualTo(1);
            assertThat(denied.err()).contains("403", "only owners and admins");
            assertThat(insight(fx, owner, org + "/app")).isEqualTo("advanced");

            assertThat(settings(fx, owner.name(), token, org + "/app", "sometimes").err()).contains("400", "unknown image insight setting 'sometimes'");
            assertThat(settings(fx, owner.name(), "wrong-token", org + "/app", "none").exitCode()).isEqualTo(1);
            assertThat(insight(fx, owner, org + "/app")).isEqualTo("advanced");
            CliRun off = settings(fx, owner.name(), token, org + "/app", "none");
            assertThat(off.exitCode()).as(off.err()).isZero();
            assertThat(insight(fx, owner, org + "/app")).isEqualTo("none");

        }
    }

    @Test
    void dbImportAndUpdateIntoTheServersDatabaseChangeItsReports() throws Exception {
        Skopeo.assumeInstalled();
        Path arch = SharedData.requireCorpus("arch/oci");
        Path allFeed = SharedData.require(ARCH_ALL);
        Path otherFeed = SharedData.require(ARCH_OTHER);
        Path data = dir.resolve("data");
        try (ServerFixture fx = ServerFixture.sqliteAndFolder(data)) {
            Account owner = fx.newUser("owner");
            String repo = pushAnalysed(fx, owner, arch, "advanced");
            assertThat(findings(await(fx, owner, repo, r -> status(r).equals("done")))).isEmpty();
            long reads = fx.server().analysis().layerReads();

            CliRun imported = CliRun.of("db", "import", "--data", data.toString(), "--source", "arch", allFeed.toString());
            assertThat(imported.exitCode()).as(imported.err()).isZero();
            assertThat(imported.out()).contains("change set:");
            JsonNode report = await(fx, owner, repo, r -> !findings(r).isEmpty());
            assertThat(findings(report)).containsExactlyInAnyOrder("openssl 3.0.7-1 CVE-2024-5678 critical fixed:3.2.0-1",
                    "openssl 3.0.7-1 CVE-2024-5679 critical fixed:3.2.0-1");
            assertThat(fx.server().analysis().layerReads()).as("re-evaluation reads no layer").isEqualTo(reads);

            CliRun status = CliRun.of("db", "status", "--data", data.toString());
            assertThat(status.exitCode()).isZero();
            assertThat(status.out()).contains("server database in " + data).containsPattern("(?m)^arch\\s+\\S+\\s+6\\s");

            // db update fetches the feed over real HTTP; this one no longer lists openssl
            HttpServer feeds = serve(otherFeed);
            try {
                Path config = Files.writeString(dir.resolve("feeds.properties"),
                        "arch = http://127.0.0.1:" + feeds.getAddress().getPort() + "/all.json\n");
                CliRun updated = CliRun.of("db", "update", "--data", data.toString(), "--config", config.toString(), "--source", "arch");
                assertThat(updated.exitCode()).as(updated.err()).isZero();
                assertThat(updated.out()).contains("arch: 2 records");
            } finally {
                feeds.stop(0);
            }
            report = await(fx, owner, repo, r -> findings(r).isEmpty());
            List<String> history = history(fx, owner, repo);
            assertThat(history).contains("removed CVE-2024-5678 openssl", "added CVE-2024-5678 openssl");

            // the feed is gone: the update says so, fails, and the data stays
            Path dead = Files.writeString(dir.resolve("dead.properties"), "arch = http://127.0.0.1:" + freePort() + "/all.json\n");
            CliRun offline = CliRun.of("db", "update", "--data", data.toString(), "--config", dead.toString(), "--source", "arch");
            assertThat(offline.exitCode()).isEqualTo(1);
            assertThat(offline.err()).contains("offline/unreachable: kept previous data for arch");
            assertThat(CliRun.of("db", "status", "--data", data.toString()).out()).containsPattern("(?m)^arch\\s+\\S+\\s+2\\s");
        }
    }

    @Test
    void dbImportWithDbUrlReachesAServerOnPostgres() throws Exception {
        Skopeo.assumeInstalled();
        Path arch = SharedData.requireCorpus("arch/oci");
        Path allFeed = SharedData.require(ARCH_ALL);
        String url = PostgresFixture.shared().newDatabase();
        try (ServerFixture fx = ServerFixture.start(new ServerConfig(0, dir.resolve("node")).withDatabase(new DatabaseConfig(url, null, null)))) {
            Account owner = fx.newUser("owner");
            String repo = pushAnalysed(fx, owner, arch, "advanced");
            assertThat(findings(await(fx, owner, repo, r -> status(r).equals("done")))).isEmpty();

            CliRun imported = CliRun.of("db", "import", "--db-url", url, "--source", "arch", allFeed.toString());
            assertThat(imported.exitCode()).as(imported.err()).isZero();
            JsonNode report = await(fx, owner, repo, r -> !findings(r).isEmpty());
            assertThat(findings(report)).containsExactlyInAnyOrder("openssl 3.0.7-1 CVE-2024-5678 critical fixed:3.2.0-1",
                    "openssl 3.0.7-1 CVE-2024-5679 critical fixed:3.2.0-1");
            CliRun status = CliRun.of("db", "status", "--db-url", url);
            assertThat(status.out()).contains("database: " + url).containsPattern("(?m)^arch\\s+\\S+\\s+6\\s");
        }
    }

    @Test
    void adminReevaluateBringsReportsMadeBeforeAdvancedUpToDate() throws Exception {
        Skopeo.assumeInstalled();
        Path arch = SharedData.requireCorpus("arch/oci");
        Path allFeed = SharedData.require(ARCH_ALL);
        Path data = dir.resolve("data");
        try (ServerFixture fx = ServerFixture.sqliteAndFolder(data)) {
            Account owner = fx.newUser("owner");
            String repo = pushAnalysed(fx, owner, arch, "basic");
            await(fx, owner, repo, r -> status(r).equals("done"));
            assertThat(CliRun.of("db", "import", "--data", data.toString(), "--source", "arch", allFeed.toString()).exitCode()).isZero();
            awaitNoJobs(fx);
            // basic is a point-in-time scan; switching to advanced does not scan again, so the report is stale ...
            assertThat(fx.send("PUT", "/api/repositories/" + repo + "/settings", owner.basic(),
                    "{\"imageInsight\":\"advanced\"}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json").statusCode()).isEqualTo(200);
            awaitNoJobs(fx);
            assertThat(findings(await(fx, owner, repo, r -> status(r).equals("done")))).isEmpty();
            long reads = fx.server().analysis().layerReads();

            // ... until the repair command re-matches every stored SBOM
            CliRun repair = CliRun.of("admin", "reevaluate", "--all", "--data", data.toString());
            assertThat(repair.exitCode()).as(repair.err()).isZero();
            assertThat(repair.out()).contains("re-evaluation of every stored SBOM queued");
            JsonNode report = await(fx, owner, repo, r -> !findings(r).isEmpty());
            assertThat(findings(report)).containsExactlyInAnyOrder("openssl 3.0.7-1 CVE-2024-5678 critical fixed:3.2.0-1",
                    "openssl 3.0.7-1 CVE-2024-5679 critical fixed:3.2.0-1");
            assertThat(fx.server().analysis().layerReads()).isEqualTo(reads);
        }
    }

    static CliRun settings(ServerFixture fx, String user, String token, String repo, String value) {
        return CliRun.of("repo", "settings", repo, "--image-insight", value, "--server", fx.baseUrl(), "--user", user, "--token", token);
    }

    /** Pushes the corpus Arch image to a new organisation repository with the given setting; returns NS/NAME. */
    String pushAnalysed(ServerFixture fx, Account owner, Path layout, String insight) throws Exception {
        String org = fx.newOrg("acme", owner);
        fx.hub().repositories().create(org, "arch", false);
        HttpResponse<byte[]> set = fx.send("PUT", "/api/repositories/" + org + "/arch/settings", owner.basic(),
                ("{\"imageInsight\":\"" + insight + "\"}").getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
        assertThat(set.statusCode()).isEqualTo(200);
        Path auth = Skopeo.authFile(dir, fx.host(), owner.name(), owner.password());
        Skopeo.push(dir, "oci:" + layout + ":arch", fx.host() + "/" + org + "/arch:latest", auth);
        return org + "/arch";
    }

    static String insight(ServerFixture fx, Account who, String repo) throws Exception {
        return JSON.readTree(fx.send("GET", "/api/repositories/" + repo + "/tags", who.basic(), null).body()).path("imageInsight").asText();
    }

    static String status(JsonNode report) {
        return report.path("summary").path("status").asText();
    }

    static List<String> findings(JsonNode report) {
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

    static List<String> history(ServerFixture fx, Account who, String repo) throws Exception {
        List<String> out = new ArrayList<>();
        JSON.readTree(fx.send("GET", "/api/repositories/" + repo + "/tags/latest/history", who.basic(), null).body())
                .forEach(h -> out.add(h.path("change").asText() + " " + h.path("vulnerabilityId").asText() + " " + h.path("packageName").asText()));
        return out;
    }

    static JsonNode await(ServerFixture fx, Account who, String repo, Predicate<JsonNode> done) throws Exception {
        long deadline = System.currentTimeMillis() + 240_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<byte[]> r = fx.send("GET", "/api/repositories/" + repo + "/tags/latest", who.basic(), null);
            if (r.statusCode() == 200) {
                last = JSON.readTree(r.body());
                if (done.test(last)) return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(repo + ":latest never got there; last: " + last);
    }

    static void awaitNoJobs(ServerFixture fx) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 240_000;
        while (fx.server().analysis().pendingJobs() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(100);
        assertThat(fx.server().analysis().pendingJobs()).isZero();
    }

    /** A real HTTP server answering every path with {@code file}. */
    static HttpServer serve(Path file) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = Files.readAllBytes(file);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
