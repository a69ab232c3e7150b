package io.spyglass.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.Rating;
import io.spyglass.advisory.Severity;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importers;
import io.spyglass.advisory.source.Parsed;
import io.spyglass.advisory.source.osv.OsvParser;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.Role;
import io.spyglass.server.hub.User;
import io.spyglass.testing.ImageWithUser;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Policies and the health grade on real images pushed with skopeo: the corpus Debian image (runs as
 * root, carries log4j-core 2.14.1, whose Log4Shell is in the shared CISA KEV catalogue) and the
 * corpus Alpine image given a {@code USER}. The verdicts and grade are read from the API and the
 * pages; an owner changes the policies (page form and API) and a member is refused; an advisory
 * import re-evaluates the verdicts and writes the changed one to the tag's history.
 */
class PolicyGradePageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOG4SHELL = "GHSA-jfh8-c2jp-5v3q";

    @RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    @TempDir
    Path data;

    @TempDir
    Path work;

    @Test
    void verdictsAndGradesFollowImagesSettingsAndAdvisories() throws Exception {
        Path debian = SharedData.requireCorpus("debian/oci");
        Path alpine = SharedData.requireCorpus("alpine/oci");
        Path withUser = ImageWithUser.write(alpine, "3.12.12", "nobody", work.resolve("alpine-user"));
        Path advisory = SharedData.require("data/advisories/ghsa/" + LOG4SHELL + ".json");
        Parsed ghsa = new OsvParser("ghsa").parse(advisory.getFileName().toString(), Files.readAllBytes(advisory));
        try (WebServer server = WebServer.start(data)) {
            User owner = server.user("olivia");
            User member = server.user("mia");
            Organization acme = server.org("acme", Plan.TEAM, owner);
            server.member(acme, member, Role.MEMBER);
            for (String repo : List.of("app", "slim")) {
                server.hub().repositories().create("acme", repo, false);
                server.analysis().insight().change(Caller.password(owner), server.repo("acme", repo), "advanced");
            }
            server.analysis().advisoryStore().replaceSource("ghsa", ghsa.records(), "test");
            ImportResult kev = Importers.forSource("kev").orElseThrow()
                    .read(List.of(SharedData.require("data/advisories/kev/known_exploited_vulnerabilities.json")));
            server.analysis().advisoryStore().replaceSource("kev", kev.records(), "shared");
            server.push(debian, "bookworm", "acme/app:1", "olivia");
            server.push(withUser, "3.12.12-user", "acme/slim:3.12", "olivia");

            // base image detection runs just after the analysis is stored; the verdicts follow it
            JsonNode app = await(server, "acme/app", "1", r -> "done".equals(r.path("summary").path("status").asText())
                    && !"unknown".equals(statuses(r).get("base-image-current")));
            Map<String, String> appPolicies = statuses(app);
            assertThat(appPolicies).containsEntry("non-root-user", "fail").containsEntry("no-fixable-critical-high", "fail")
                    .containsEntry("no-known-exploited", "fail").containsEntry("no-denied-licences", "pass")
                    // pushed without attestations; no image known here is its base
                    .containsEntry("attestations-present", "fail").containsEntry("base-image-current", "skipped")
                    .containsEntry("base-image-approved", "skipped");
            assertThat(details(app, "attestations-present")).contains("no SBOM", "no provenance");
            assertThat(details(app, "no-known-exploited")).contains("CVE-2021-44228");
            assertThat(details(app, "non-root-user")).contains("no USER");
            assertThat(app.path("healthScore").asText()).isEqualTo("F");

            JsonNode slim = await(server, "acme/slim", "3.12", r -> "done".equals(r.path("summary").path("status").asText())
                    && !"unknown".equals(statuses(r).get("base-image-current")));
            assertThat(statuses(slim)).containsEntry("non-root-user", "pass").containsEntry("no-known-exploited", "pass")
                    .containsEntry("no-fixable-critical-high", "pass");
            assertThat(details(slim, "non-root-user")).isEqualTo("runs as nobody");
            // one failing policy: it carries no attestations
            assertThat(statuses(slim)).containsEntry("attestations-present", "fail");
            assertThat(slim.path("healthScore").asText()).isEqualTo("B");

            // pages: the tag page's section and badge, the tag list and the organisation's repositories
            Browser mia = browsers.start().signIn(server.base(), "mia", WebServer.PASSWORD);
            mia.open(server.base() + "/r/acme/app/-/tags/1", "policies-tag-page");
            assertThat(mia.find(By.cssSelector("#policies .grade")).getAttribute("data-grade")).isEqualTo("F");
            assertThat(mia.find(By.cssSelector("#policies li[data-policy='no-known-exploited']")).getText())
                    .contains("FAIL", "No known-exploited vulnerabilities", "CVE-2021-44228");
            assertThat(mia.find(By.cssSelector("#policies li[data-policy='attestations-present']")).getAttribute("data-status"))
                    .isEqualTo("fail");
            mia.open(server.base() + "/r/acme/slim/-/tags", "policies-tag-list");
            assertThat(mia.find(By.cssSelector("td.analysis .grade")).getText()).isEqualTo("B");
            mia.open(server.base() + "/orgs/acme", "policies-org-page");
            assertThat(mia.find(By.cssSelector("table.repos tr[data-repo='acme/app'] .grade")).getText()).isEqualTo("F");
            assertThat(mia.find(By.cssSelector("table.repos tr[data-repo='acme/slim'] .grade")).getText()).isEqualTo("B");
            mia.open(server.base() + "/orgs/acme/policies", "policies-settings-member");
            assertThat(mia.findAll(By.cssSelector("form[action='/orgs/acme/policies/no-denied-licences']"))).isEmpty();

            // a member may not change them, by form or API
            HttpClient miaForm = signedIn(server, "mia");
            String token = AccountPagesTest.csrf(server.get(miaForm, "/orgs/acme").body());
            assertThat(server.postForm(miaForm, "/orgs/acme/policies/non-root-user", List.of("csrf", token)).statusCode()).isEqualTo(403);
            assertThat(put(server, "mia", "non-root-user", "{\"enabled\": false}").statusCode()).isEqualTo(403);
            assertThat(statuses(report(server, "acme/app", "1"))).containsEntry("non-root-user", "fail");

            // the owner denies a licence the Alpine image really declares (busybox's, as its SBOM says), by the form
            String busybox = licence(slim, "busybox");
            Browser olivia = browsers.start().signIn(server.base(), "olivia", WebServer.PASSWORD);
            olivia.open(server.base() + "/orgs/acme/policies", "policies-settings-owner");
            olivia.fill("no-denied-licences-deny", "AGPL-3.0\n" + busybox);
            olivia.submit(By.cssSelector("form[action='/orgs/acme/policies/no-denied-licences'] button[type=submit]"), "policies-saved");
            assertThat(olivia.find(By.cssSelector(".alert.ok")).getText()).contains("Saved no-denied-licences");
            slim = report(server, "acme/slim", "3.12");
            assertThat(statuses(slim)).containsEntry("no-denied-licences", "fail");
            assertThat(details(slim, "no-denied-licences")).contains("busybox (" + busybox + ")");
            assertThat(slim.path("healthScore").asText()).isEqualTo("C");
            assertThat(policyHistory(server, "acme/slim", "3.12")).contains("policy fail policy:no-denied-licences was pass");
            HttpResponse<String> bad = put(server, "olivia", "no-fixable-critical-high", "{\"parameters\": {\"severities\": [\"hihg\"]}}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("'hihg' is not a severity");

            // ...and turns two off by the API: the Debian tag's grade follows (3 failing: D)
            assertThat(put(server, "olivia", "no-known-exploited", "{\"enabled\": false}").statusCode()).isEqualTo(200);
            HttpResponse<String> list = send(server, "GET", "/api/orgs/acme/policies", "olivia", null);
            assertThat(JSON.readTree(list.body()).findValues("name")).hasSize(7);
            app = report(server, "acme/app", "1");
            assertThat(statuses(app)).containsEntry("no-known-exploited", "skipped");
            assertThat(app.path("healthScore").asText()).isEqualTo("D");
            long audited = server.database().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM audit_events WHERE action = 'org.policy' AND outcome = 'success'").mapTo(Long.class).one());
            assertThat(audited).as("changes in the audit log").isEqualTo(2);

            // an advisory import re-evaluates: zlib gets a fixable high, the verdict changes and the history says so
            String zlib = apkVersion("zlib");
            Advisory zlibHigh = Advisory.builder("TEST-ZLIB-1", "test-feed").alias("CVE-2099-0002").summary("zlib is broken")
                    .severity(Rating.of("test-feed", Severity.HIGH)).affected(Affected.fixedIn("alpine:3.12", "zlib", zlib + "9")).build();
            server.analysis().advisoryStore().replaceSource("test-feed", List.of(zlibHigh), "1");
            slim = await(server, "acme/slim", "3.12", r -> "fail".equals(statuses(r).get("no-fixable-critical-high")));
            assertThat(details(slim, "no-fixable-critical-high")).contains("CVE-2099-0002");
            assertThat(slim.path("healthScore").asText()).isEqualTo("D");
            assertThat(policyHistory(server, "acme/slim", "3.12")).contains("policy fail policy:no-fixable-critical-high was pass");
            mia.open(server.base() + "/r/acme/slim/-/tags/3.12/history", "policies-history");
            assertThat(mia.find(By.cssSelector("table.history")).getText()).contains("policy:no-fixable-critical-high", "was pass");

            // a VEX statement (not_affected) for that, the only fixable high finding: it no longer counts, the policy passes again
            JsonNode zlibPackage = pkg(slim, "zlib");
            String zlibFinding = null;
            for (JsonNode f : zlibPackage.path("findings")) if (f.path("severity").asText().equals("high")) zlibFinding = f.path("vulnerabilityId").asText();
            assertThat(zlibFinding).as("zlib's high finding").isNotNull();
            String slimDigest = slim.path("images").get(0).path("digest").asText();
            HttpResponse<String> vex = send(server, "POST", "/api/repositories/acme/slim/vex", "olivia", notAffected(zlibFinding,
                    "pkg:oci/slim@" + slimDigest + "?repository_url=localhost/acme/slim", zlibPackage.path("purl").asText()));
            assertThat(vex.statusCode()).as(vex.body()).isEqualTo(201);
            slim = await(server, "acme/slim", "3.12", r -> "pass".equals(statuses(r).get("no-fixable-critical-high")));
            assertThat(slim.path("healthScore").asText()).isEqualTo("C");
            assertThat(policyHistory(server, "acme/slim", "3.12")).contains("policy pass policy:no-fixable-critical-high was fail");
            // the Debian tag in another repository is not named by it: unchanged
            assertThat(statuses(report(server, "acme/app", "1"))).containsEntry("no-fixable-critical-high", "fail");
        }
    }

    private static JsonNode pkg(JsonNode report, String name) {
        for (JsonNode p : report.path("images").get(0).path("packages")) if (p.path("name").asText().equals(name)) return p;
        throw new AssertionError("no package " + name + " in " + report);
    }

    /** An OpenVEX document saying the image is not affected by {@code vulnerability} in {@code subcomponent}. */
    private static String notAffected(String vulnerability, String product, String subcomponent) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("@context", "https://openvex.dev/ns/v0.2.0");
        doc.put("@id", "urn:uuid:policy-vex-1");
        doc.put("author", "Security Team <sec@acme.example>");
        doc.put("timestamp", "2026-11-01T10:00:00Z");
        doc.put("version", 1);
        ObjectNode s = doc.putArray("statements").addObject();
        s.putObject("vulnerability").put("name", vulnerability);
        s.putArray("products").addObject().put("@id", product).putArray("subcomponents").addObject().put("@id", subcomponent);
        s.put("status", "not_affected");
        s.put("justification", "vulnerable_code_not_in_execute_path");
        return doc.toPrettyString();
    }

    private static String apkVersion(String name) throws Exception {
        for (JsonNode p : JSON.readTree(SharedData.requireCorpus("alpine/expected.json").toFile()).path("3.12.12").path("packages")) {
            if (p.path("name").asText().equals(name)) return p.path("version").asText();
        }
        throw new AssertionError("no " + name + " in the corpus Alpine image");
    }

    private static String licence(JsonNode report, String pkg) {
        for (JsonNode p : report.path("images").get(0).path("packages")) {
            if (p.path("name").asText().equals(pkg) && p.path("licenses").size() > 0) return p.path("licenses").get(0).asText();
        }
        throw new AssertionError("no licence for " + pkg + " in " + report);
    }

    static Map<String, String> statuses(JsonNode report) {
        Map<String, String> out = new LinkedHashMap<>();
        report.path("policies").forEach(p -> out.put(p.path("name").asText(), p.path("status").asText()));
        return out;
    }

    private static String details(JsonNode report, String policy) {
        for (JsonNode p : report.path("policies")) if (p.path("name").asText().equals(policy)) return p.path("details").asText();
        throw new AssertionError("no policy " + policy + " in " + report.path("policies"));
    }

    private static List<String> policyHistory(WebServer server, String repo, String tag) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode h : JSON.readTree(send(server, "GET", "/api/repositories/" + repo + "/tags/" + tag + "/history", "olivia", null).body())) {
            String reason = h.path("reason").asText();
            if (!h.path("vulnerabilityId").asText().startsWith("policy:")) continue;
            out.add(h.path("change").asText() + " " + h.path("vulnerabilityId").asText() + " " + reason.substring(0, reason.indexOf(':')));
        }
        return out;
    }

    private static JsonNode report(WebServer server, String repo, String tag) throws Exception {
        HttpResponse<String> r = send(server, "GET", "/api/repositories/" + repo + "/tags/" + tag, "olivia", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode await(WebServer server, String repo, String tag, Predicate<JsonNode> ready) throws Exception {
        long deadline = System.currentTimeMillis() + 240_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            last = report(server, repo, tag);
            if (ready.test(last)) return last;
            Thread.sleep(250);
        }
        throw new AssertionError(repo + ":" + tag + " never got there; last answer: " + last);
    }

    private static HttpResponse<String> put(WebServer server, String user, String policy, String body) throws Exception {
        return send(server, "PUT", "/api/orgs/acme/policies/" + policy, user, body);
    }

    private static HttpResponse<String> send(WebServer server, String method, String path, String user, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + WebServer.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient signedIn(WebServer server, String user) throws Exception {
        HttpClient client = WebServer.client();
        String token = AccountPagesTest.csrf(server.get(client, "/signin").body());
        server.postForm(client, "/signin", List.of("csrf", token, "username", user, "password", WebServer.PASSWORD));
        return client;
    }
}
