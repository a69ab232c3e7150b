package io.spyglass.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.spyglass.server.web.TagReport.FindingRow;
import io.spyglass.server.web.TagReport.HistoryRow;
import io.spyglass.server.web.TagReport.PackageFindings;
import io.spyglass.server.web.TagReport.PackageRow;
import io.spyglass.server.web.VulnerabilityView.RatingRow;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The tag page's Vulnerabilities, Packages and History tabs in Chromium: packages expand to their
 * vulnerabilities, those expand to what each source says, ids link to the vulnerability page, and
 * the filters (severity, fixable, type, layer) narrow the list through the query string.
 */
class TagReportPageTest {
    private static final String BASE_LAYER = "sha256:" + "1a".repeat(32);
    private static final String APP_LAYER = "sha256:" + "2b".repeat(32);

    @RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    private final Templates templates = new Templates();

    @Test
    void packagesExpandToVulnerabilitiesAndFiltersNarrowThem() {
        Javalin app = Javalin.create(c -> c.showJavalinBanner = false);
        new StaticAssets().register(app);
        app.get("/r/acme/web/-/tags/1.0/{tab}", ctx -> ctx.html(templates.render("tag.jte", view(ctx.pathParam("tab"),
                ReportFilter.of(ctx)))));
        app.start(0);
        try {
            String base = "http://localhost:" + app.port() + "/r/acme/web/-/tags/1.0/";
            Browser browser = browsers.start().open(base + "vulnerabilities", "vulnerabilities");
            List<WebElement> packages = browser.findAll(By.cssSelector("details.pkg"));
            assertThat(packages).extracting(p -> p.getAttribute("data-package")).containsExactly("openssl", "lodash");
            WebElement openssl = packages.get(0);
            assertThat(openssl.getAttribute("open")).isNull();
            openssl.findElement(By.tagName("summary")).click();
            WebElement vuln = openssl.findElement(By.cssSelector("details.vuln[data-vulnerability='CVE-2024-5535']"));
            assertThat(vuln.isDisplayed()).isTrue();
            vuln.findElement(By.tagName("summary")).click();
            browser.shot("expanded");
            assertThat(vuln.getText()).contains("debian", "nvd@nist.gov", "9.1",
                    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H", "3.0.14-1~deb12u1", "layer 1", "/var/lib/dpkg/status");
            assertThat(vuln.findElement(By.linkText("CVE-2024-5535")).getAttribute("href")).endsWith("/vulnerabilities/CVE-2024-5535");

            browser.open(base + "vulnerabilities?severity=m", "only-medium");
            assertThat(browser.findAll(By.cssSelector("details.vuln"))).extracting(v -> v.getAttribute("data-vulnerability"))
                    .containsExactly("CVE-2020-28500");
            browser.open(base + "vulnerabilities?fixable=1", "only-fixable");
            assertThat(browser.findAll(By.cssSelector("details.vuln"))).extracting(v -> v.getAttribute("data-vulnerability"))
                    .containsExactly("CVE-2024-5535", "CVE-2020-28500");
            browser.open(base + "vulnerabilities?type=npm", "only-npm");
            assertThat(browser.findAll(By.cssSelector("details.pkg"))).extracting(p -> p.getAttribute("data-package"))
                    .containsExactly("lodash");
            browser.open(base + "vulnerabilities?layer=" + BASE_LAYER, "only-base-layer");
            assertThat(browser.findAll(By.cssSelector("details.pkg"))).extracting(p -> p.getAttribute("data-package"))
                    .containsExactly("openssl");
            assertThat(browser.find(By.cssSelector("form.filters")).getText()).contains("Only layer 1");

            browser.open(base + "packages?type=deb", "packages-deb");
            assertThat(browser.findAll(By.cssSelector("table.packages tbody tr"))).extracting(r -> r.getAttribute("data-package"))
                    .containsExactly("libc6", "openssl");
            assertThat(browser.find(By.linkText("SPDX 2.3")).getAttribute("href")).endsWith("/r/acme/web/-/tags/1.0/sbom.spdx.json");
            browser.open(base + "history", "history");
            assertThat(browser.find(By.cssSelector("table.history")).getText()).contains("CVE-2024-5535", "added", "new advisory");
            browser.phoneShot("history");
        } finally {
            app.stop();
        }
    }

    /** The sample page: openssl in layer 1 (the base's), lodash in layer 2 (the app's). */
    static TagView view(String tab, ReportFilter filter) {
        RatingRow debian = new RatingRow("debian", VulnerabilityViews.level(io.spyglass.advisory.Severity.HIGH), "", "");
        RatingRow nvd = new RatingRow("nvd@nist.gov", VulnerabilityViews.level(io.spyglass.advisory.Severity.CRITICAL), "9.1",
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H");
        FindingRow ssl1 = new FindingRow("CVE-2024-5535", debian.level(), "3.0.14-1~deb12u1",
                "SSL_select_next_proto buffer overread", List.of(debian, nvd));
        FindingRow ssl2 = new FindingRow("CVE-2024-2511", VulnerabilityViews.level(io.spyglass.advisory.Severity.LOW), "",
                "Unbounded memory growth with session handling in TLSv1.3", List.of());
        FindingRow lodash = new FindingRow("CVE-2020-28500", VulnerabilityViews.level(io.spyglass.advisory.Severity.MEDIUM),
                "4.17.21", "Regular Expression Denial of Service (ReDoS) in lodash", List.of());
        TagReport report = new TagReport(
                List.of(new PackageFindings("openssl", "3.0.11-1~deb12u2", "deb", "pkg:deb/debian/openssl@3.0.11-1~deb12u2",
                                BASE_LAYER, "/var/lib/dpkg/status", new SeverityCounts(0, 1, 0, 1, 0), List.of(ssl1, ssl2)),
                        new PackageFindings("lodash", "4.17.20", "npm", "pkg:npm/lodash@4.17.20", APP_LAYER,
                                "/app/node_modules/lodash/package.json", new SeverityCounts(0, 0, 1, 0, 0), List.of(lodash))),
                List.of(new PackageRow("libc6", "2.36-9+deb12u7", "deb", "pkg:deb/debian/libc6@2.36-9+deb12u7", "LGPL-2.1", BASE_LAYER, "/var/lib/dpkg/status"),
                        new PackageRow("openssl", "3.0.11-1~deb12u2", "deb", "pkg:deb/debian/openssl@3.0.11-1~deb12u2", "Apache-2.0", BASE_LAYER, "/var/lib/dpkg/status"),
                        new PackageRow("lodash", "4.17.20", "npm", "pkg:npm/lodash@4.17.20", "MIT", APP_LAYER, "/app/node_modules/lodash/package.json")),
                List.of(new HistoryRow("2026-11-26 17:40 UTC", "CVE-2024-5535", "added", "openssl 3.0.11-1~deb12u2", "new advisory from debian")));
        ImageFacts.ImageDetails details = new ImageFacts.ImageDetails(List.of(
                new LayerRow(1, BASE_LAYER, "29 MB", "/bin/sh -c #(nop) ADD file:debian in /", false),
                new LayerRow(2, APP_LAYER, "4 MB", "COPY app /app", false)), "", "");
        TagRow row = new TagRow("1.0", "sha256:" + "cd".repeat(32), List.of("linux/amd64"), "33 MB", "just now",
                "2026-11-26T17:40:00Z", AnalysisCell.advanced(new SeverityCounts(0, 1, 1, 1, 0)), "/r/acme/web/-/tags/1.0");
        RepoHeader header = new RepoHeader("acme", "/orgs/acme", "web", false, "", "tags", false);
        return new TagView(Frame.anonymous("acme/web:1.0"), header, row, tab, "docker pull h/acme/web:1.0",
                List.of("linux/amd64"), "linux/amd64", row.digest(), details, report, filter);
    }
}
