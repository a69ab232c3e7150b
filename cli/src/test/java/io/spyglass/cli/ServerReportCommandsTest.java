package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.testing.SharedData;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cves}, {@code quickview} and {@code sbom} on a plain {@code NS/REPO:TAG}: the server's
 * stored report, printed exactly as a local analysis of the same image prints it; a private
 * repository without credentials is an error that shows nothing of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerReportCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    ServerFixture fx;
    Account owner;
    String org;
    Path layout;
    Path localDb;

    @BeforeAll
    void pushAndAnalyse() throws Exception {
        Skopeo.assumeInstalled();
        layout = SharedData.requireCorpus("arch/oci");
        Path feed = SharedData.require(ServerCommandsTest.ARCH_ALL);
        Path data = dir.resolve("data");
        fx = ServerFixture.sqliteAndFolder(data);
        owner = fx.newUser("owner");
        org = fx.newOrg("acme", owner);
        localDb = dir.resolve("localdb");
        assertThat(CliRun.of("db", "import", "--db", localDb.toString(), "--source", "arch", feed.toString()).exitCode()).isZero();
        assertThat(CliRun.of("db", "import", "--data", data.toString(), "--source", "arch", feed.toString()).exitCode()).isZero();
        for (String repo : List.of(fx.analysedRepository(owner, org, "app", false, "advanced"),
                fx.analysedRepository(owner, org, "secret", true, "advanced"))) {
            fx.push(dir, owner, "oci:" + layout + ":arch", repo + ":latest");
            fx.awaitReport(owner, repo, "latest", r -> ServerFixture.findings(r).size() == 2);
        }
    }

    @AfterAll
    void stop() {
        if (fx != null) fx.close();
    }

    @Test
    void cvesPrintsTheStoredReportLikeALocalAnalysisInEveryFormat() {
        for (String format : List.of("table", "json", "markdown")) {
            CliRun local = CliRun.of("cves", "oci-dir://" + layout + ":arch", "--db", localDb.toString(), "--format", format);
            CliRun stored = CliRun.of("cves", org + "/app:latest", "--server", fx.baseUrl(), "--format", format);
            assertThat(local.exitCode()).as(local.err()).isZero();
            assertThat(stored.exitCode()).as(stored.err()).isZero();
            // markdown names the image in its heading: the server's name for it, not the local path
            String named = stored.out().replace("## Vulnerabilities of 127.0.0.1:" + fx.server().port() + "/" + org + "/app:latest",
                    "## Vulnerabilities of oci-dir://" + layout + ":arch");
            assertThat(named).as(format).isEqualTo(local.out());
        }
        CliRun table = CliRun.of("cves", org + "/app", "--server", fx.baseUrl(), "--only-severity", "critical", "--exit-code");
        assertThat(table.exitCode()).isEqualTo(CvesCommand.VULNERABLE);
        assertThat(table.out()).contains("openssl", "CVE-2024-5678", "CVE-2024-5679", "3.2.0-1");
    }

    @Test
    void waitGivesATagPushedAMomentAgoItsReport() throws Exception {
        // as a CI job does: push, then scan at once; the report is not there yet when the command starts
        String repo = fx.analysedRepository(owner, org, "just-built", false, "advanced");
        fx.push(dir, owner, "oci:" + layout + ":arch", repo + ":ci");
        CliRun run = CliRun.of("cves", repo + ":ci", "--server", fx.baseUrl(), "--wait", "120", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out()).path("vulnerabilities").findValuesAsText("id")).containsExactly("CVE-2024-5678", "CVE-2024-5679");
        CliRun negative = CliRun.of("cves", repo + ":ci", "--server", fx.baseUrl(), "--wait", "-1");
        assertThat(negative.exitCode()).isNotZero();
        assertThat(negative.err()).contains("--wait -1 is negative");
    }

    @Test
    void jsonFindingsCarryTheSameFieldsAsLocally() throws Exception {
        JsonNode local = JSON.readTree(CliRun.of("cves", "oci-dir://" + layout + ":arch", "--db", localDb.toString(), "--format", "json").out());
        JsonNode stored = JSON.readTree(CliRun.of("cves", org + "/app:latest", "--server", fx.baseUrl(), "--format", "json").out());
        assertThat(stored.path("vulnerabilities").size()).isEqualTo(2);
        assertThat(stored.path("vulnerabilities").findValuesAsText("id")).containsExactly("CVE-2024-5678", "CVE-2024-5679");
        assertThat(stored).isEqualTo(local);
    }

    @Test
    void quickviewAndSbomMatchTheLocalAnalysis() throws Exception {
        CliRun local = CliRun.of("quickview", "oci-dir://" + layout + ":arch", "--db", localDb.toString());
        CliRun stored = CliRun.of("quickview", org + "/app:latest", "--server", fx.baseUrl());
        assertThat(stored.exitCode()).as(stored.err()).isZero();
        assertThat(withoutImageLine(stored.out())).isEqualTo(withoutImageLine(local.out()));
        assertThat(stored.out()).contains("image            127.0.0.1:" + fx.server().port() + "/" + org + "/app:latest",
                "vulnerabilities  2 (2 fixable)");

        for (String format : List.of("list", "cyclonedx")) {
            CliRun s = CliRun.of("sbom", org + "/app:latest", "--server", fx.baseUrl(), "--format", format);
            assertThat(s.exitCode()).as(s.err()).isZero();
            if (format.equals("list")) {
                assertThat(s.out()).isEqualTo(CliRun.of("sbom", "oci-dir://" + layout + ":arch", "--format", format).out());
            } else {
                assertThat(JSON.readTree(s.out()).path("components").findValuesAsText("name")).contains("openssl", "bash", "zlib");
            }
        }
        JsonNode json = JSON.readTree(CliRun.of("sbom", org + "/app:latest", "--server", fx.baseUrl(), "--format", "json").out());
        JsonNode localJson = JSON.readTree(CliRun.of("sbom", "oci-dir://" + layout + ":arch", "--format", "json").out());
        assertThat(json.path("packages")).isEqualTo(localJson.path("packages"));
        assertThat(json.path("image").path("layers")).isEqualTo(localJson.path("image").path("layers"));
    }

    @Test
    void theRepositorysVexDecidesTheStoredFindingsAsVexGivenOnTheCommandLineDoes() throws Exception {
        JsonNode sbom = JSON.readTree(CliRun.of("sbom", org + "/app:latest", "--server", fx.baseUrl(), "--format", "json").out());
        String openssl = null;
        for (JsonNode p : sbom.path("packages")) if (p.path("name").asText().equals("openssl")) openssl = p.path("purl").asText();
        assertThat(openssl).startsWith("pkg:");
        String doc = "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"@id\": \"urn:uuid:cli-1\", \"author\": \"Acme PSIRT\", "
                + "\"timestamp\": \"2026-11-02T08:00:00Z\", \"statements\": [{\"vulnerability\": {\"name\": \"CVE-2024-5678\"}, "
                + "\"products\": [{\"@id\": \"" + openssl + "\"}], \"status\": \"not_affected\", "
                + "\"justification\": \"vulnerable_code_not_present\"}]}";
        Path file = java.nio.file.Files.writeString(dir.resolve("cli.openvex.json"), doc);
        HttpResponse<byte[]> uploaded = fx.send("POST", "/api/repositories/" + org + "/app/vex", owner.basic(),
                doc.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
        assertThat(uploaded.statusCode()).as(new String(uploaded.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        long id = JSON.readTree(uploaded.body()).path("document").path("id").asLong();
        try {
            JsonNode stored = JSON.readTree(CliRun.of("cves", org + "/app:latest", "--server", fx.baseUrl(), "--format", "json").out());
            JsonNode local = JSON.readTree(CliRun.of("cves", "oci-dir://" + layout + ":arch", "--db", localDb.toString(),
                    "--vex", file.toString(), "--format", "json").out());
            assertThat(stored.path("vulnerabilities").findValuesAsText("suppressed")).containsExactly("true", "false");
            assertThat(stored).isEqualTo(local);
            CliRun quickview = CliRun.of("quickview", org + "/app:latest", "--server", fx.baseUrl());
            assertThat(quickview.out()).contains("vulnerabilities  1 (1 fixable)", "suppressed (VEX) 1");
            CliRun table = CliRun.of("cves", org + "/app:latest", "--server", fx.baseUrl());
            assertThat(table.out()).contains("Suppressed by VEX: vulnerable_code_not_present");
        } finally {
            assertThat(fx.send("DELETE", "/api/repositories/" + org + "/app/vex/" + id, owner.basic(), null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aPrivateRepositoryNeedsCredentialsAndShowsNothingWithout() {
        CliRun anonymous = CliRun.of("cves", org + "/secret:latest", "--server", fx.baseUrl());
        assertThat(anonymous.exitCode()).isEqualTo(1);
        assertThat(anonymous.out()).isEmpty();
        assertThat(anonymous.err()).contains("no tag " + org + "/secret:latest on " + fx.baseUrl(), "anonymous users may pull",
                "--username").doesNotContain("openssl", "CVE-");
        HttpResponse<byte[]> raw = fx.send("GET", "/api/repositories/" + org + "/secret/tags/latest/sbom", null, null);
        assertThat(raw.statusCode()).isEqualTo(404);
        assertThat(new String(raw.body(), StandardCharsets.UTF_8)).doesNotContain("openssl");
        assertThat(fx.send("GET", "/api/repositories/" + org + "/secret/tags/latest/sbom", owner.basic(), null).statusCode()).isEqualTo(200);
        // a private repository answers like a missing one
        CliRun missing = CliRun.of("cves", org + "/nothing:latest", "--server", fx.baseUrl());
        // only the command's own lines: the in-process test server's access log shares this stderr
        assertThat(ownLines(missing.err()).replace("nothing", "secret")).isEqualTo(ownLines(anonymous.err()));

        CliRun wrong = CliRun.withStdin("not-the-password\n", "cves", org + "/secret:latest", "--server", fx.baseUrl(),
                "--username", owner.name(), "--password-stdin");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("refused the credentials of " + owner.name()).doesNotContain("CVE-");

        CliRun owned = CliRun.withStdin(owner.password() + "\n", "cves", org + "/secret:latest", "--server", fx.baseUrl(),
                "--username", owner.name(), "--password-stdin");
        assertThat(owned.exitCode()).as(owned.err()).isZero();
        assertThat(owned.out()).contains("CVE-2024-5678");
    }

    @Test
    void plainNamesAreToldApartFromPathsAndNeedAServer() {
        CliRun path = CliRun.of("cves", layout.toString(), "--server", fx.baseUrl());
        assertThat(path.exitCode()).isEqualTo(1);
        assertThat(path.err()).contains("is a local path; name it oci-dir://" + layout);
        // without a server a bare name is a local daemon's or a registry's image: here the registry on port 1 is asked, and refuses
        CliRun noServer = CliRun.of("sbom", "127.0.0.1:1/" + org + "/app:latest");
        assertThat(noServer.exitCode()).isEqualTo(1);
        assertThat(noServer.err()).contains("127.0.0.1:1").doesNotContain("--server");
        CliRun bad = CliRun.of("sbom", "Not A Name", "--server", fx.baseUrl());
        assertThat(bad.err()).contains("is not NAMESPACE/REPOSITORY[:TAG]");
        CliRun off = CliRun.of("cves", org + "/app:nope", "--server", fx.baseUrl());
        assertThat(off.err()).contains("no tag " + org + "/app:nope");
    }

    static String withoutImageLine(String quickview) {
        return String.join("\n", Arrays.stream(quickview.split("\n")).filter(l -> !l.startsWith("image ")).toList());
    }

    private static String ownLines(String err) {
        return err.lines().filter(l -> l.startsWith("spyglass ")).collect(java.util.stream.Collectors.joining("\n"));
    }
}
