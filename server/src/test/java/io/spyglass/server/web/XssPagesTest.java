package io.spyglass.server.web;

import static io.spyglass.server.web.HostileImage.IMG;
import static io.spyglass.server.web.HostileImage.JS_LINK;
import static io.spyglass.server.web.HostileImage.SCRIPT;
import static io.spyglass.server.web.HostileImage.SVG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importers;
import io.spyglass.server.analysis.report.ReportModel;
import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.User;
import io.spyglass.testing.SharedData;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.NoAlertPresentException;

/**
 * Stored and reflected cross-site scripting, tried in real Chromium. A real image whose package
 * names, versions, licences, paths, layer commands, labels and base-image annotation are markup
 * ({@link HostileImage}) is pushed with skopeo and analysed; a GHSA record with markup in its
 * summary, details, package name and links is imported beside the shared ones, so findings appear;
 * the repository description and a search query are markup too. Every page that shows these values
 * must show them as text, run nothing (no {@code window.__xss}, no dialog, no injected element, no
 * Content Security Policy violation - which an escaping hole would cause) and carry the headers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XssPagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADVISORY = "GHSA-x55x-x55x-x55x";
    private static final String DESCRIPTION = SCRIPT + " " + IMG + " " + SVG + " " + JS_LINK;
    private static final String TAG_PAGE = "/r/acme/xss/-/tags/" + HostileImage.TAG;
    /** What escaping must never let through as markup; each payload opens with one of these. */
    private static final List<String> RAW = List.of("<script>window", "<img src=x", "<img/src=x", "<svg onload", "<svg/onload");

    @RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    @TempDir
    static Path data;

    private WebServer server;
    private ReportModel.TagReport report;

    @BeforeAll
    void pushAnalyse() throws Exception {
        Path image = HostileImage.write(data.resolve("image"));
        server = WebServer.start(data.resolve("server"));
        importAdvisories(data.resolve("advisories"));
        User olivia = server.user("olivia");
        Organization acme = server.org("acme", Plan.TEAM, olivia);
        server.hub().repositories().create(acme.name(), "xss", false);
        server.hub().repositories().update(server.repo("acme", "xss"), false, DESCRIPTION, "advanced");
        server.push(image, HostileImage.TAG, "acme/xss:" + HostileImage.TAG, "olivia");
        report = server.awaitReport(olivia, "acme", "xss", HostileImage.TAG, r -> r.summary().status().equals("done"));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theHostileValuesReachedTheReport() {
        ReportModel.ImageReport stored = report.images().get(0);
        assertThat(stored.packages()).extracting(ReportModel.PackageInfo::name)
                .contains("lodash", HostileImage.NPM_NAME, HostileImage.DEB_NAME);
        assertThat(stored.packages()).flatExtracting(p -> p.findings()).extracting(f -> f.vulnerabilityId())
                .contains(ADVISORY, "CVE-2020-28500");
        assertThat(stored.layers()).extracting(l -> l.createdBy()).anyMatch(c -> c.contains(SCRIPT));
        assertThat(stored.unknowns()).extracting(u -> u.message()).anyMatch(m -> m.contains(SCRIPT));
    }

    @Test
    void everyPageShowsTheMarkupAsTextAndRunsNothing() throws Exception {
        Map<String, List<String>> pages = new java.util.LinkedHashMap<>();
        pages.put("/", List.of(DESCRIPTION));
        pages.put("/orgs/acme", List.of(DESCRIPTION));
        pages.put("/r/acme/xss", List.of(DESCRIPTION));
        pages.put("/r/acme/xss/-/tags", List.of(DESCRIPTION));
        pages.put("/r/acme/xss/-/settings", List.of(DESCRIPTION));
        pages.put(TAG_PAGE, List.of("ADD file:" + SCRIPT, "LABEL evil=" + IMG, "RUN echo " + SVG + " " + JS_LINK,
                HostileImage.BASE_IMAGE, "package.json of '" + SCRIPT + "' has no version"));
        pages.put(TAG_PAGE + "/packages", List.of(HostileImage.DEB_NAME, HostileImage.NPM_NAME, "1.0.0" + HostileImage.IMG_TIGHT,
                SCRIPT, SVG + " " + JS_LINK, IMG + "/node_modules/lodash"));
        pages.put(TAG_PAGE + "/vulnerabilities", List.of(IMG + "/node_modules/lodash", ADVISORY, SCRIPT));
        pages.put(TAG_PAGE + "/history", List.of());
        pages.put("/vulnerabilities/" + ADVISORY, List.of(SCRIPT, SVG, IMG, HostileImage.NPM_NAME,
                "https://example.com/" + IMG, IMG + "/node_modules/lodash"));
        pages.put("/vulnerabilities/CVE-2020-28500", List.of(IMG + "/node_modules/lodash"));
        pages.put("/search?q=lodash", List.of(IMG + "/node_modules/lodash"));
        pages.put("/search?q=evil", List.of(HostileImage.NPM_NAME));
        pages.put("/search?q=" + URLEncoder.encode(SVG, StandardCharsets.UTF_8), List.of("“" + SVG + "”"));

        Browser browser = browsers.start().signIn(server.base(), "olivia", WebServer.PASSWORD);
        HttpClient anonymous = WebServer.client();
        for (Map.Entry<String, List<String>> page : pages.entrySet()) {
            String path = page.getKey();
            browser.open(server.base() + path, path);
            assertNothingRan(browser, path);
            String text = (String) browser.driver().executeScript("return document.body.textContent");
            for (String literal : page.getValue()) {
                assertThat(text).as("%s shows %s as text", path, literal).contains(literal);
            }
            if (path.endsWith("/settings")) {
                assertThat(browser.find(org.openqa.selenium.By.id("description")).getAttribute("value")).isEqualTo(DESCRIPTION);
                continue; // owners only: the anonymous check below would be a 404
            }
            HttpResponse<String> answer = server.get(anonymous, path);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertPageHeaders(answer, path);
            for (String raw : RAW) {
                assertThat(answer.body()).as("%s escapes %s", path, raw).doesNotContain(raw);
            }
        }
        assertThat(browser.cspViolations()).as("an escaping hole would show here as a blocked inline script").isEmpty();
    }

    @Test
    void sbomDownloadsAreAttachmentsThatAreNeverSniffed() throws Exception {
        HttpClient client = WebServer.client();
        for (String file : List.of("sbom.spdx.json", "sbom.cdx.json")) {
            HttpResponse<String> answer = server.get(client, TAG_PAGE + "/" + file);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
                    .startsWith("attachment; filename=\"acme-xss-xss-").matches("[ -~&&[^\\\\]]*"));
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(JSON.readTree(answer.body()).toString()).as(file).contains("lodash");
        }
    }

    @Test
    void theJsonApiIsServedAsDataThatNothingMayRender() throws Exception {
        String path = "/api/repositories/acme/xss/tags/" + HostileImage.TAG;
        HttpResponse<String> answer = WebServer.client().send(HttpRequest.newBuilder(URI.create(server.base() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.MACHINE_POLICY);
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(answer.body()).contains(HostileImage.NPM_NAME.replace("\"", "\\\""));

        Browser browser = browsers.start();
        browser.open(server.base() + path, "api");
        assertNothingRan(browser, path);
        assertThat(browser.text()).contains(HostileImage.NPM_NAME.replace("\"", "\\\""));

        // the registry answers carry them too
        HttpResponse<String> v2 = WebServer.client().send(HttpRequest.newBuilder(URI.create(server.base() + "/v2/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(v2.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.MACHINE_POLICY);
        assertThat(v2.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void errorPagesAndRedirectsCarryTheHeadersToo() throws Exception {
        HttpClient client = WebServer.client();
        assertPageHeaders(server.get(client, "/r/acme/" + "nothing-here"), "404 page");
        assertPageHeaders(server.get(client, "/settings"), "redirect to sign in");
        assertPageHeaders(server.get(client, "/static/spyglass.css"), "static file");
    }

    private static void assertPageHeaders(HttpResponse<String> answer, String what) {
        assertThat(answer.headers().firstValue("Content-Security-Policy")).as(what).hasValue(SecurityHeaders.PAGE_POLICY);
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
        assertThat(answer.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
        assertThat(answer.headers().firstValue("Referrer-Policy")).as(what).hasValue("strict-origin-when-cross-origin");
        assertThat(answer.headers().firstValue("Strict-Transport-Security")).as("HSTS is the TLS setup's").isEmpty();
    }

    /** No dialog, no {@code window.__xss}, no element or link the payloads would have made. */
    private static void assertNothingRan(Browser browser, String path) {
        try {
            browser.driver().switchTo().alert();
            fail("%s opened a dialog", path);
        } catch (NoAlertPresentException expected) {
            // nothing to dismiss
        }
        Object flag = browser.driver().executeScript("return typeof window.__xss");
        assertThat(flag).as("%s ran injected script", path).isEqualTo("undefined");
        Object injected = browser.driver().executeScript("return document.querySelectorAll("
                + "'img[src=\"x\"], svg[onload], [onerror], [onload], script:not([src=\"/static/spyglass.js\"]),"
                + " a[href^=\"javascript:\" i], iframe, object, embed, base').length");
        assertThat(injected).as("%s has injected elements", path).isEqualTo(0L);
    }

    /** The shared GHSA records (lodash is among them) and one whose every field is markup. */
    private void importAdvisories(Path dir) throws Exception {
        Files.createDirectories(dir);
        Map<String, Object> hostile = Map.of(
                "schema_version", "1.4.0", "id", ADVISORY,
                "modified", "2026-01-02T03:04:05Z", "published", "2026-01-02T03:04:05Z",
                "summary", SCRIPT, "details", SVG + "\n" + IMG,
                "affected", List.of(npm("lodash", "4.17.21"), npm(HostileImage.NPM_NAME, null)),
                "references", List.of(Map.of("type", "WEB", "url", JS_LINK),
                        Map.of("type", "ADVISORY", "url", "https://example.com/" + IMG)));
        Files.write(dir.resolve(ADVISORY + ".json"), JSON.writeValueAsBytes(hostile));
        List<Path> files = new ArrayList<>();
        try (var list = Files.list(SharedData.require("data/advisories/ghsa"))) {
            list.filter(f -> f.getFileName().toString().matches("GHSA-.*\\.json")).sorted().forEach(files::add);
        }
        files.add(dir.resolve(ADVISORY + ".json"));
        ImportResult ghsa = Importers.forSource("ghsa").orElseThrow().read(files);
        assertThat(ghsa.problems()).isEmpty();
        server.analysis().advisoryStore().replaceSource("ghsa", ghsa.records(), "shared");
    }

    private static Map<String, Object> npm(String name, String fixed) {
        List<Map<String, String>> events = new ArrayList<>(List.of(Map.of("introduced", "0")));
        if (fixed != null) events.add(Map.of("fixed", fixed));
        return Map.of("package", Map.of("ecosystem", "npm", "name", name),
                "ranges", List.of(Map.of("type", "ECOSYSTEM", "events", events)));
    }
}
