package io.spyglass.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.server.analysis.report.ReportModel.ImageReport;
import io.spyglass.server.analysis.report.ReportModel.PackageInfo;
import io.spyglass.server.analysis.report.ReportModel.TagReport;
import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.User;
import io.spyglass.testing.SharedData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-platform tag: an OCI index over the two corpus Alpine images (3.12.12 listed as
 * linux/amd64, 3.20.3 as linux/arm64). The platform selector picks whose packages the tag page and
 * the SBOM downloads show; a platform the tag lacks is a 404.
 */
class MultiPlatformTagPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PACKAGE_ROW = Pattern.compile("<tr data-package=\"([^\"]+)\">");

    @org.junit.jupiter.api.extension.RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    @TempDir
    Path data;

    @Test
    void thePlatformSelectorChoosesWhichImagesReportIsShownAndDownloaded() throws Exception {
        Path alpine = SharedData.requireCorpus("alpine/oci");
        try (WebServer server = WebServer.start(data)) {
            User olivia = server.user("olivia");
            Organization acme = server.org("acme", Plan.TEAM, olivia);
            server.hub().repositories().create(acme.name(), "multi", false);
            server.hub().repositories().update(server.repo("acme", "multi"), false, "", "advanced");
            server.push(alpine, "3.12.12", "acme/multi:old", "olivia");
            server.push(alpine, "3.20.3", "acme/multi:new", "olivia");
            ArrayNode manifests = (ArrayNode) JSON.readTree(alpine.resolve("index.json").toFile()).get("manifests");
            ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2)
                    .put("mediaType", "application/vnd.oci.image.index.v1+json");
            ArrayNode entries = index.putArray("manifests");
            for (JsonNode m : manifests) {
                boolean old = m.path("annotations").path("org.opencontainers.image.ref.name").asText().equals("3.12.12");
                ObjectNode entry = entries.addObject().put("mediaType", m.get("mediaType").asText())
                        .put("digest", m.get("digest").asText()).put("size", m.get("size").asLong());
                entry.putObject("platform").put("os", "linux").put("architecture", old ? "amd64" : "arm64");
            }
            HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.base() + "/v2/acme/multi/manifests/1.0"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            ("olivia:" + WebServer.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/vnd.oci.image.index.v1+json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(index))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

            TagReport report = server.awaitReport(olivia, "acme", "multi", "1.0",
                    r -> r.images().size() == 2 && r.images().stream().allMatch(i -> i.status().equals("done")));
            ImageReport amd64 = image(report, manifests, "3.12.12");
            ImageReport arm64 = image(report, manifests, "3.20.3");

            HttpClient visitor = HttpClient.newHttpClient();
            String first = server.get(visitor, "/r/acme/multi/-/tags/1.0/packages").body();
            assertThat(first).contains("<option value=\"linux/arm64\"", "Image digest", amd64.digest());
            assertThat(rows(first)).containsExactlyElementsOf(names(amd64)).contains("libcrypto1.1");
            String arm = server.get(visitor, "/r/acme/multi/-/tags/1.0/packages?platform=linux/arm64").body();
            assertThat(arm).contains(arm64.digest());
            assertThat(rows(arm)).containsExactlyElementsOf(names(arm64)).contains("libcrypto3").doesNotContain("libcrypto1.1");
            assertThat(arm).contains("/r/acme/multi/-/tags/1.0/sbom.cdx.json?platform=linux/arm64");

            HttpResponse<byte[]> cdx = visitor.send(HttpRequest.newBuilder(URI.create(server.base()
                    + "/r/acme/multi/-/tags/1.0/sbom.cdx.json?platform=linux/arm64")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(cdx.statusCode()).isEqualTo(200);
            assertThat(cdx.headers().firstValue("Content-Disposition").orElse("")).contains("acme-multi-1.0-linux-arm64.cdx.json");
            List<String> purls = new ArrayList<>();
            JSON.readTree(cdx.body()).path("components").forEach(c -> {
                if (c.hasNonNull("purl")) purls.add(c.get("purl").asText());
            });
            assertThat(purls).containsExactlyInAnyOrderElementsOf(arm64.packages().stream().map(PackageInfo::purl).toList());

            assertThat(server.get(visitor, "/r/acme/multi/-/tags/1.0/packages?platform=linux/ppc64le").statusCode()).isEqualTo(404);

            // in Chromium, under the Content Security Policy, choosing a platform shows it at once (spyglass.js)
            Browser browser = browsers.start().open(server.base() + "/r/acme/multi/-/tags/1.0/packages", "amd64");
            new org.openqa.selenium.support.ui.Select(browser.find(org.openqa.selenium.By.id("platform"))).selectByValue("linux/arm64");
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(30))
                    .until(d -> d.getCurrentUrl().matches(".*/packages\\?platform=linux(/|%2F)arm64"));
            assertThat(browser.shot("arm64")).exists();
            assertThat(browser.source()).contains(arm64.digest());
        }
    }

    /** The report of the corpus image named {@code ref} in the layout's index. */
    private static ImageReport image(TagReport report, ArrayNode manifests, String ref) {
        String digest = null;
        for (JsonNode m : manifests) {
            if (m.path("annotations").path("org.opencontainers.image.ref.name").asText().equals(ref)) digest = m.get("digest").asText();
        }
        String wanted = digest;
        return report.images().stream().filter(i -> i.digest().equals(wanted)).findFirst().orElseThrow();
    }

    private static List<String> names(ImageReport image) {
        return image.packages().stream().map(PackageInfo::name).toList();
    }

    private static List<String> rows(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = PACKAGE_ROW.matcher(html);
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
