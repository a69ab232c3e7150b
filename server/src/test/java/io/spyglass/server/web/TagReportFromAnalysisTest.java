package io.spyglass.server.web;

import io.spyglass.server.testing.WithoutRequestId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.spyglass.server.analysis.report.ReportModel;
import io.spyglass.server.analysis.report.ReportModel.ImageReport;
import io.spyglass.server.analysis.report.ReportModel.PackageInfo;
import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.User;
import io.spyglass.testing.SharedData;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tag page fed by a real analysis: the corpus Debian image pushed with skopeo, then the shared
 * GHSA records imported, so re-evaluation adds findings (lodash, minimist, jackson-databind…) and
 * history. The page is read over HTTP as a visitor would get it; what it shows is checked against
 * the stored report the JSON API serves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TagReportFromAnalysisTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PACKAGE = Pattern.compile("<details class=\"row pkg\" data-package=\"([^\"]+)\">\\s*"
            + "<summary><span class=\"sev ([chmlu])\">");
    private static final Pattern VULNERABILITY = Pattern.compile("<details class=\"row vuln\" data-vulnerability=\"([^\"]+)\">\\s*"
            + "<summary><span class=\"sev ([chmlu])\">");
    private static final Pattern PACKAGE_ROW = Pattern.compile("<tr data-package=\"([^\"]+)\">");

    @RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    @TempDir
    static Path data;

    private WebServer server;
    private User olivia;
    private ImageReport image;
    private String page;

    @BeforeAll
    void pushAnalyseAndImport() throws Exception {
        Path debian = SharedData.requireCorpus("debian/oci");
        server = WebServer.start(data);
        olivia = server.user("olivia");
        Organization acme = server.org("acme", Plan.TEAM, olivia);
        server.hub().repositories().create(acme.name(), "app", false);
        server.hub().repositories().update(server.repo("acme", "app"), false, "", "advanced");
        server.push(debian, "bookworm", "acme/app:1.0", "olivia");
        server.awaitReport(olivia, "acme", "app", "1.0", r -> r.summary().status().equals("done"));
        server.importGhsa();
        ReportModel.TagReport report = server.awaitReport(olivia, "acme", "app", "1.0",
                r -> r.images().get(0).packages().stream().anyMatch(p -> !p.findings().isEmpty()));
        image = report.images().get(0);
        page = "/r/acme/app/-/tags/1.0/";
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void vulnerabilitiesTabListsTheVulnerablePackagesWorstFirst() throws Exception {
        String html = get(page + "vulnerabilities");
        List<String[]> packages = all(PACKAGE, html);
        List<String> vulnerable = image.packages().stream().filter(p -> !p.findings().isEmpty()).map(PackageInfo::name).toList();
        assertThat(packages).extracting(p -> p[0]).containsExactlyInAnyOrderElementsOf(vulnerable).contains("lodash", "minimist");
        assertThat(packages).extracting(p -> "chmlu".indexOf(p[1])).as("worst severity first").isSorted();
        assertThat(packages.get(0)[1]).isEqualTo("c");
        assertThat(all(VULNERABILITY, html)).hasSize((int) image.packages().stream().mapToLong(p -> p.findings().size()).sum());
    }

    @Test
    void aVulnerabilitySaysWhatEachSourceRatesItAndWhereThePackageIs() throws Exception {
        String html = get(page + "vulnerabilities?type=npm");
        String lodash = section(html, "data-package=\"lodash\"", "<details class=\"row pkg\"");
        PackageInfo stored = image.packages().stream().filter(p -> p.name().equals("lodash")).findFirst().orElseThrow();
        String redos = section(lodash, "data-vulnerability=\"CVE-2020-28500\"", "<details class=\"row vuln\"");
        assertThat(redos).contains("href=\"/vulnerabilities/CVE-2020-28500\"", "fixed in 4.17.21",
                "Regular Expression Denial of Service (ReDoS) in lodash", "ghsa", "5.3",
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L", stored.paths().get(0), "layer 2 (");
        assertThat(stored.layers().get(0)).isEqualTo(image.layers().get(1).digest());
    }

    @Test
    void filtersNarrowBySeverityFixableTypeAndLayer() throws Exception {
        assertThat(all(VULNERABILITY, get(page + "vulnerabilities?severity=c"))).isNotEmpty().allMatch(v -> v[1].equals("c"));
        String fixable = get(page + "vulnerabilities?fixable=1");
        long withFix = image.packages().stream().flatMap(p -> p.findings().stream()).filter(f -> f.fixedVersion() != null).count();
        assertThat(all(VULNERABILITY, fixable)).hasSize((int) withFix);
        List<String> npm = image.packages().stream().filter(p -> p.type().equals("npm") && !p.findings().isEmpty())
                .map(PackageInfo::name).toList();
        assertThat(all(PACKAGE, get(page + "vulnerabilities?type=npm"))).extracting(p -> p[0])
                .containsExactlyInAnyOrderElementsOf(npm);
        // the Debian base layer holds no package these advisories name; the application layer holds them all
        assertThat(all(PACKAGE, get(page + "vulnerabilities?layer=" + image.layers().get(0).digest()))).isEmpty();
        String appLayer = get(page + "vulnerabilities?layer=" + image.layers().get(1).digest());
        assertThat(all(PACKAGE, appLayer)).hasSameSizeAs(all(PACKAGE, get(page + "vulnerabilities")));
        assertThat(appLayer).contains("Only layer 2");
    }

    @Test
    void packagesTabIsTheWholeSbomWithATypeFilter() throws Exception {
        List<String> rows = all(PACKAGE_ROW, get(page + "packages")).stream().map(r -> r[0]).toList();
        assertThat(rows).hasSize(image.packages().size());
        List<String> deb = all(PACKAGE_ROW, get(page + "packages?type=deb")).stream().map(r -> r[0]).toList();
        assertThat(deb).containsExactlyElementsOf(image.packages().stream().filter(p -> p.type().equals("deb"))
                .map(PackageInfo::name).toList()).contains("apt", "base-files");
    }

    @Test
    void historySaysWhatTheImportChanged() throws Exception {
        String html = get(page + "history");
        String table = section(html, "<table class=\"history\">", "</table>");
        assertThat(table).contains("CVE-2020-28500", "lodash 4.17.15", "added", "new advisory");
        assertThat(table).doesNotContain("removed");
        Browser browser = browsers.start().open(server.base() + page + "history", "history");
        browser.phoneShot("history");
    }

    @Test
    void spdxDownloadValidatesAndListsTheTagsPackages() throws Exception {
        HttpResponse<byte[]> r = download(HttpClient.newHttpClient(), page + "sbom.spdx.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/spdx+json");
        assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
                .isEqualTo("attachment; filename=\"acme-app-1.0-linux-amd64.spdx.json\"");
        JsonNode doc = JSON.readTree(r.body());
        try (InputStream schema = getClass().getResourceAsStream("/resources/spdx-schema-v2.3.json")) {
            assertThat(schema).as("spdx-schema-v2.3.json from org.spdx:tools-java").isNotNull();
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(schema).validate(doc)).isEmpty();
        }
        List<String> purls = new ArrayList<>();
        doc.path("packages").forEach(p -> p.path("externalRefs").forEach(ref -> {
            if (ref.path("referenceType").asText().equals("purl")) purls.add(ref.path("referenceLocator").asText());
        }));
        assertThat(purls).containsExactlyInAnyOrderElementsOf(storedPurls());
        assertThat(doc.path("name").asText()).contains("acme/app:1.0");
    }

    @Test
    void cycloneDxDownloadValidatesAndListsTheTagsPackages() throws Exception {
        HttpResponse<byte[]> r = download(HttpClient.newHttpClient(), page + "sbom.cdx.json?platform=linux/amd64");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.cyclonedx+json");
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("acme-app-1.0-linux-amd64.cdx.json");
        assertThat(new org.cyclonedx.parsers.JsonParser().validate(r.body(), org.cyclonedx.Version.VERSION_16)).isEmpty();
        List<String> purls = new ArrayList<>();
        JSON.readTree(r.body()).path("components").forEach(c -> {
            if (c.hasNonNull("purl")) purls.add(c.path("purl").asText());
        });
        assertThat(purls).containsExactlyInAnyOrderElementsOf(storedPurls());
        // the Packages tab lists the same packages
        assertThat(all(PACKAGE_ROW, get(page + "packages"))).hasSameSizeAs(purls);
    }

    @Test
    void downloadsFollowThePagesVisibility() throws Exception {
        assertThat(download(HttpClient.newHttpClient(), "/r/acme/app/-/tags/2.0/sbom.spdx.json").statusCode()).isEqualTo(404);
        assertThat(download(HttpClient.newHttpClient(), page + "sbom.cdx.json?platform=linux/s390x").statusCode()).isEqualTo(404);
        server.hub().repositories().update(server.repo("acme", "app"), true, null, null);
        try {
            HttpResponse<byte[]> anonymous = download(HttpClient.newHttpClient(), page + "sbom.spdx.json");
            HttpResponse<byte[]> missing = download(HttpClient.newHttpClient(), "/r/acme/nothing/-/tags/1.0/sbom.spdx.json");
            assertThat(anonymous.statusCode()).isEqualTo(404);
            assertThat(WithoutRequestId.of(anonymous.body())).isEqualTo(WithoutRequestId.of(missing.body()));
            HttpClient owner = WebServer.client();
            String visitor = AccountPagesTest.csrf(server.get(owner, "/signin").body());
            server.postForm(owner, "/signin", List.of("csrf", visitor, "username", "olivia", "password", WebServer.PASSWORD));
            assertThat(download(owner, page + "sbom.spdx.json").statusCode()).isEqualTo(200);
        } finally {
            server.hub().repositories().update(server.repo("acme", "app"), false, null, null);
        }
    }

    private List<String> storedPurls() {
        return image.packages().stream().map(PackageInfo::purl).toList();
    }

    private HttpResponse<byte[]> download(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.base() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = server.get(HttpClient.newHttpClient(), path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private static List<String[]> all(Pattern p, String html) {
        List<String[]> out = new ArrayList<>();
        Matcher m = p.matcher(html);
        while (m.find()) {
            String[] groups = new String[m.groupCount()];
            for (int i = 0; i < groups.length; i++) groups[i] = m.group(i + 1);
            out.add(groups);
        }
        return out;
    }

    private static String section(String html, String start, String end) {
        int from = html.indexOf(start);
        assertThat(from).as("page has " + start).isNotNegative();
        int to = html.indexOf(end, from);
        return html.substring(from, to < 0 ? html.length() : to);
    }
}
