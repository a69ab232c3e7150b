package io.spyglass.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importers;
import io.spyglass.advisory.source.Parsed;
import io.spyglass.advisory.source.osv.OsvParser;
import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.Role;
import io.spyglass.server.hub.User;
import io.spyglass.testing.SharedData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The vulnerability page lists the images it affects from real stored analysis: the corpus Debian
 * image (log4j-core 2.14.1) pushed with skopeo into a private repository, matched against the real
 * GHSA record of Log4Shell. A member sees the image; a non-member and an anonymous visitor see no
 * trace of it (no repository name, no digest, no count), on the page and in the JSON API.
 */
class AffectedImagesPageTest {
    private static final String GHSA = "GHSA-jfh8-c2jp-5v3q";
    private static final String CVE = "CVE-2021-44228";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    @TempDir
    Path data;

    @Test
    void memberSeesThePrivateImageAndOthersSeeNoTraceOfIt() throws Exception {
        Path layout = SharedData.requireCorpus("debian/oci");
        Path advisory = SharedData.require("data/advisories/ghsa/" + GHSA + ".json");
        Parsed parsed = new OsvParser("ghsa").parse(advisory.getFileName().toString(), Files.readAllBytes(advisory));
        assertThat(parsed.problems()).isEmpty();
        try (WebServer server = WebServer.start(data)) {
            User owner = server.user("olivia");
            User member = server.user("mia");
            server.user("nick");
            Organization acme = server.org("acme", Plan.TEAM, owner);
            server.member(acme, member, Role.MEMBER);
            server.hub().repositories().create("acme", "vault", true);
            server.analysis().insight().change(io.spyglass.server.hub.Caller.password(owner), server.repo("acme", "vault"), "advanced");
            server.analysis().advisoryStore().replaceSource("ghsa", parsed.records(), "test");
            ImportResult kev = Importers.forSource("kev").orElseThrow()
                    .read(List.of(SharedData.require("data/advisories/kev/known_exploited_vulnerabilities.json")));
            assertThat(kev.problems()).isEmpty();
            server.analysis().advisoryStore().replaceSource("kev", kev.records(), "shared");
            server.push(layout, "bookworm", "acme/vault:2.14", "olivia");

            List<JsonNode> images = awaitImages(server, "olivia", CVE);
            String digest = images.get(0).path("digest").asText();
            assertThat(images).allSatisfy(i -> {
                assertThat(i.path("namespace").asText() + "/" + i.path("name").asText() + ":" + i.path("tag").asText())
                        .isEqualTo("acme/vault:2.14");
                assertThat(i.path("packageName").asText()).endsWith("log4j-core");
                assertThat(i.path("packageVersion").asText()).isEqualTo("2.14.1");
                assertThat(i.path("fixedVersion").asText()).isEqualTo("2.15.0");
                assertThat(i.path("severity").asText()).isEqualTo("critical");
            });
            // the API answers by any alias, in any case
            assertThat(images(server, "mia", GHSA.toLowerCase())).hasSameSizeAs(images);

            Browser mia = browsers.start().signIn(server.base(), "mia", WebServer.PASSWORD);
            mia.open(server.base() + "/vulnerabilities/" + GHSA, "member-view");
            assertThat(mia.find(By.cssSelector("dl.facts")).getText()).contains("Published", "2021-12-10", "Modified",
                    "Known exploited", "Yes — in CISA KEV since 2021-12-10");
            assertThat(mia.find(By.cssSelector("table.ratings")).getText()).contains("ghsa", "critical", "10.0",
                    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
            assertThat(mia.find(By.cssSelector("table.affected")).getText())
                    .contains("Maven", "org.apache.logging.log4j:log4j-core", ">= 2.13.0, < 2.15.0", "2.15.0");
            List<WebElement> rows = mia.findAll(By.cssSelector("table.images tbody tr"));
            assertThat(rows).hasSameSizeAs(images).allSatisfy(r -> assertThat(r.getAttribute("data-image")).isEqualTo("acme/vault:2.14"));
            String row = rows.get(0).getText();
            assertThat(row).contains("acme/vault", "2.14", digest.substring(7, 19), "log4j-core", "2.14.1", "critical", "2.15.0");
            mia.phoneShot("member-view");
            rows.get(0).findElement(By.linkText("2.14")).click();
            assertThat(mia.url()).endsWith("/r/acme/vault/-/tags/2.14/vulnerabilities");
            mia.shot("followed-to-tag");
            assertThat(mia.find(By.tagName("h1")).getText()).contains("acme", "vault");

            // at a glance: the General tab's chart and the organisation's repositories by worst findings
            mia.open(server.base() + "/r/acme/vault", "member-general");
            assertThat(mia.find(By.cssSelector(".chart")).getAttribute("aria-label")).matches("[1-9]\\d* critical, .*");
            mia.open(server.base() + "/orgs/acme", "member-org");
            assertThat(mia.find(By.cssSelector("table.repos tr[data-repo='acme/vault']")).getText()).contains("C");
            // the worst tag's badges say which tag they are, and lead to it
            WebElement worstTag = mia.find(By.cssSelector("table.repos tr[data-repo='acme/vault'] td.worst a.worst-tag"));
            assertThat(worstTag.getText()).isEqualTo("2.14");
            assertThat(worstTag.getAttribute("href")).isEqualTo(server.base() + "/r/acme/vault/-/tags/2.14");
            assertThat(mia.find(By.cssSelector("table.repos tr[data-repo='acme/vault'] td.worst .sevs")).getAttribute("aria-label"))
                    .matches("[1-9]\\d* critical, .*");
            worstTag.click();
            assertThat(mia.url()).endsWith("/r/acme/vault/-/tags/2.14");
            mia.shot("followed-worst-tag");
            mia.open(server.base() + "/search?q=LOG4J-core", "member-search");
            assertThat(mia.findAll(By.cssSelector("table.image-packages tbody tr"))).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.getText()).contains("log4j-core", "2.14.1", "acme/vault:2.14"));
            assertThat(mia.find(By.cssSelector("table.advisory-packages tr[data-package='Maven/org.apache.logging.log4j:log4j-core']"))
                    .getText()).contains(CVE);

            HttpClient nick = WebServer.client();
            String token = AccountPagesTest.csrf(server.get(nick, "/signin").body());
            server.postForm(nick, "/signin", List.of("csrf", token, "username", "nick", "password", WebServer.PASSWORD));
            for (HttpClient outsider : List.of(nick, WebServer.client())) {
                for (String id : List.of(CVE, GHSA)) {
                    HttpResponse<String> page = server.get(outsider, "/vulnerabilities/" + id);
                    assertThat(page.statusCode()).isEqualTo(200);
                    assertThat(page.body()).contains("Remote code injection in Log4j", "None of the images you can pull is affected.")
                            .doesNotContain("vault", digest, digest.substring(7, 19), "data-image", "affected package");
                }
            }
            for (HttpClient outsider : List.of(nick, WebServer.client())) {
                assertThat(server.get(outsider, "/orgs/acme").body()).doesNotContain("vault", "critical");
                String search = server.get(outsider, "/search?q=log4j-core").body();
                assertThat(search).contains("org.apache.logging.log4j:log4j-core", CVE)
                        .contains("No package named like “log4j-core” is in an analysed image you can pull.")
                        .doesNotContain("vault", digest.substring(7, 19));
            }
            assertThat(images(server, "nick", CVE)).isEmpty();
            assertThat(images(server, null, GHSA)).isEmpty();
            HttpResponse<String> unknown = api(server, null, "CVE-1999-0001");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("no vulnerability CVE-1999-0001");

            Browser anonymous = browsers.start().open(server.base() + "/vulnerabilities/" + CVE, "anonymous-view");
            assertThat(anonymous.findAll(By.cssSelector("table.images"))).isEmpty();
            assertThat(anonymous.source()).doesNotContain("vault", digest.substring(7, 19));
        }
    }

    private static List<JsonNode> awaitImages(WebServer server, String user, String id) throws Exception {
        long deadline = System.currentTimeMillis() + 240_000;
        while (System.currentTimeMillis() < deadline) {
            List<JsonNode> images = images(server, user, id);
            if (!images.isEmpty()) return images;
            Thread.sleep(250);
        }
        throw new AssertionError("no image was listed for " + id + "; last answer: " + api(server, user, id).body());
    }

    private static List<JsonNode> images(WebServer server, String user, String id) throws Exception {
        HttpResponse<String> r = api(server, user, id);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).path("images").forEach(out::add);
        return out;
    }

    private static HttpResponse<String> api(WebServer server, String user, String id) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + "/api/vulnerabilities/" + id));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + WebServer.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
