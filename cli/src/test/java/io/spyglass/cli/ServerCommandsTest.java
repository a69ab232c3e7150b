package io.spyglass.cli;

import static io.spyglass.server.registry.ServerFixture.findings;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that act on a running server: {@code repo settings} over its API, and
 * {@code db import|update|status} and {@code admin reevaluate} on its database, after which the
 * server re-evaluates the stored reports by itself.
 */
class ServerCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    // openssl 3.0.7-1 below is safe to pin: build-arch-fixture.sh makepkgs it from its own PKGBUILD, no mirror involved
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
            String org = orgWithApp(fx, owner);
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
            CliRun wrong = settings(fx, owner.name(), "wrong-token", org + "/app", "none");
            assertThat(wrong.exitCode()).isEqualTo(1);
            assertThat(wrong.err()).contains("refused the credentials of " + owner.name());
            assertThat(insight(fx, owner, org + "/app")).isEqualTo("advanced");
            CliRun off = settings(fx, owner.name(), token, org + "/app", "none");
            assertThat(off.exitCode()).as(off.err()).isZero();
            assertThat(insight(fx, owner, org + "/app")).isEqualTo("none");
        }
    }

    @Test
    void repoSettingsTakesTheSameServerOptionsAsTheReportCommandsAndSaysWhatIsMissing() throws Exception {
        try (ServerFixture fx = ServerFixture.sqliteAndFolder(dir.resolve("data"))) {
            Account owner = fx.newUser("owner");
            String org = orgWithApp(fx, owner);

            CliRun anonymous = CliRun.of("repo", "settings", org + "/app", "--image-insight", "basic", "--server", fx.baseUrl());
            assertThat(anonymous.exitCode()).isEqualTo(2);
            assertThat(anonymous.err()).contains("spyglass repo settings: ", "--username", "SPYGLASS_PASSWORD", "--password-stdin");
            CliRun noSecret = CliRun.of("repo", "settings", org + "/app", "--image-insight", "basic", "--server", fx.baseUrl(), "--username", owner.name());
            assertThat(noSecret.exitCode()).isEqualTo(2);
            assertThat(noSecret.err()).contains("--username " + owner.name() + " needs a password or access token");
            CliRun noServer = CliRun.withStdin(owner.password() + "\n", "repo", "settings", org + "/app", "--image-insight", "basic",
                    "--username", owner.name(), "--password-stdin");
            assertThat(noServer.err()).contains("give --server URL or set SPYGLASS_SERVER");
            CliRun badServer = CliRun.of("repo", "settings", org + "/app", "--image-insight", "basic", "--server", "ftp://" + fx.host());
            assertThat(badServer.err()).contains("--server 'ftp://" + fx.host() + "' is not an http(s) URL");
            CliRun tagged = CliRun.withStdin(owner.password() + "\n", "repo", "settings", org + "/app:latest", "--image-insight", "basic",
                    "--server", fx.baseUrl(), "--username", owner.name(), "--password-stdin");
            assertThat(tagged.exitCode()).isEqualTo(2);
            assertThat(tagged.err()).contains("'" + org + "/app:latest' is not a repository NAMESPACE/NAME", "no tag");
            // the secret never goes on the command line: the old --user/--token options are gone
            CliRun old = CliRun.of("repo", "settings", org + "/app", "--image-insight", "basic", "--server", fx.baseUrl(),
                    "--user", owner.name(), "--token", owner.password());
            assertThat(old.exitCode()).isEqualTo(2);
            assertThat(old.err()).contains("Unknown option", "--user");
            assertThat(insight(fx, owner, org + "/app")).isEqualTo("none");

            CliRun missing = settings(fx, owner.name(), owner.password(), org + "/nothing", "basic");
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.err()).contains("answered 404 for " + org + "/nothing");
            CliRun ok = settings(fx, owner.name(), owner.password(), org + "/app", "basic");
            assertThat(ok.exitCode()).as(ok.err()).isZero();
            assertThat(insight(fx, owner, org + "/app")).isEqualTo("basic");
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
            assertThat(findings(fx.awaitStatus(owner, repo, "latest", "done"))).isEmpty();
            long reads = fx.server().analysis().layerReads();

            CliRun imported = CliRun.of("db", "import", "--data", data.toString(), "--source", "arch", allFeed.toString());
            assertThat(imported.exitCode()).as(imported.err()).isZero();
            assertThat(imported.out()).contains("change set:");
            JsonNode report = fx.awaitReport(owner, repo, "latest", r -> !findings(r).isEmpty());
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
            report = fx.awaitReport(owner, repo, "latest", r -> findings(r).isEmpty());
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
            assertThat(findings(fx.awaitStatus(owner, repo, "latest", "done"))).isEmpty();

            CliRun imported = CliRun.of("db", "import", "--db-url", url, "--source", "arch", allFeed.toString());
            assertThat(imported.exitCode()).as(imported.err()).isZero();
            JsonNode report = fx.awaitReport(owner, repo, "latest", r -> !findings(r).isEmpty());
            assertThat(findings(report)).containsExactlyInAnyOrder("openssl 3.0.7-1 CVE-2024-5678 critical fixed:3.2.0-1",
                    "openssl 3.0.7-1 CVE-2024-5679 critical fixed:3.2.0-1");
            CliRun status = CliRun.of("db", "status", "--db-url", url);
            // the fixture's URL carries user=postgres&password=postgres: shown, never with the password
            assertThat(url).endsWith("&password=postgres");
            assertThat(status.out()).contains("database: " + url.replace("&password=postgres", "&password=****"))
                    .doesNotContain("password=postgres").containsPattern("(?m)^arch\\s+\\S+\\s+6\\s");
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
            fx.awaitStatus(owner, repo, "latest", "done");
            assertThat(CliRun.of("db", "import", "--data", data.toString(), "--source", "arch", allFeed.toString()).exitCode()).isZero();
            fx.awaitNoJobs();
            // basic is a point-in-time scan; switching to advanced does not scan again, so the report is stale ...
            assertThat(fx.setInsight(owner, repo, "advanced").statusCode()).isEqualTo(200);
            fx.awaitNoJobs();
            assertThat(findings(fx.awaitStatus(owner, repo, "latest", "done"))).isEmpty();
            long reads = fx.server().analysis().layerReads();

            // ... until the repair command re-matches every stored SBOM
            CliRun repair = CliRun.of("admin", "reevaluate", "--all", "--data", data.toString());
            assertThat(repair.exitCode()).as(repair.err()).isZero();
            assertThat(repair.out()).contains("re-evaluation of every stored SBOM queued");
            JsonNode report = fx.awaitReport(owner, repo, "latest", r -> !findings(r).isEmpty());
            assertThat(findings(report)).containsExactlyInAnyOrder("openssl 3.0.7-1 CVE-2024-5678 critical fixed:3.2.0-1",
                    "openssl 3.0.7-1 CVE-2024-5679 critical fixed:3.2.0-1");
            assertThat(fx.server().analysis().layerReads()).isEqualTo(reads);
        }
    }

    /** A new organisation of {@code owner} with a public repository {@code app} (image insight none); its name. */
    static String orgWithApp(ServerFixture fx, Account owner) {
        String org = fx.newOrg("acme", owner);
        fx.hub().repositories().create(org, "app", false);
        return org;
    }

    /** {@code repo settings} as {@code user}, the password or access token read from standard input. */
    static CliRun settings(ServerFixture fx, String user, String secret, String repo, String value) {
        return CliRun.withStdin(secret + "\n", "repo", "settings", repo, "--image-insight", value, "--server", fx.baseUrl(),
                "--username", user, "--password-stdin");
    }

    /** Pushes the corpus Arch image to a new organisation repository with the given setting; returns NS/NAME. */
    String pushAnalysed(ServerFixture fx, Account owner, Path layout, String insight) throws Exception {
        String repo = fx.analysedRepository(owner, fx.newOrg("acme", owner), "arch", false, insight);
        fx.push(dir, owner, "oci:" + layout + ":arch", repo + ":latest");
        return repo;
    }

    static String insight(ServerFixture fx, Account who, String repo) throws Exception {
        return JSON.readTree(fx.send("GET", "/api/repositories/" + repo + "/tags", who.basic(), null).body()).path("imageInsight").asText();
    }

    static List<String> history(ServerFixture fx, Account who, String repo) throws Exception {
        List<String> out = new ArrayList<>();
        JSON.readTree(fx.send("GET", "/api/repositories/" + repo + "/tags/latest/history", who.basic(), null).body())
                .forEach(h -> out.add(h.path("change").asText() + " " + h.path("vulnerabilityId").asText() + " " + h.path("packageName").asText()));
        return out;
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
