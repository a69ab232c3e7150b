package io.spyglass.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.spyglass.sbom.JsonSbomReader;
import io.spyglass.sbom.Sbom;
import io.spyglass.sbom.SbomFormat;
import io.spyglass.sbom.cyclonedx.CycloneDxSbomFormat;
import io.spyglass.sbom.spdx.SpdxSbomFormat;
import io.spyglass.server.analysis.report.Reports;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.TagListing;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Packages tab's downloads, {@code /r/<ns>/<name>/-/tags/<tag>/sbom.spdx.json} and
 * {@code …/sbom.cdx.json} ({@code ?platform=} for one image of a multi-platform tag): the stored
 * SBOM written as SPDX 2.3 or CycloneDX 1.6. The caller has checked the viewer may pull the
 * repository; with analysis off, or before the image is analysed, there is nothing to download.
 */
final class SbomDownloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One downloadable file: the writer, its media type, and the file name's ending. */
    private record Download(Supplier<SbomFormat> format, String contentType, String extension) {}

    private static final Map<String, Download> FILES = Map.of(
            "sbom.spdx.json", new Download(SpdxSbomFormat::new, "application/spdx+json", ".spdx.json"),
            "sbom.cdx.json", new Download(CycloneDxSbomFormat::new, "application/vnd.cyclonedx+json", ".cdx.json"));

    private final TagListing tags;
    private final ImageFacts facts;
    private final Reports reports;

    /** @param reports the analysis part's reports, or null when this server runs no analysis */
    SbomDownloads(TagListing tags, ImageFacts facts, Reports reports) {
        this.tags = tags;
        this.facts = facts;
        this.reports = reports;
    }

    static boolean handles(String file) {
        return FILES.containsKey(file);
    }

    void download(Context ctx, Repository repo, String tag, String file) throws IOException {
        Download download = FILES.get(file);
        TagListing.TagInfo info = tags.tag(repo.id(), tag).orElseThrow(PageException::notFound);
        ImageFacts.PlatformManifest image = TagPages.selected(facts.manifests(info.digest()), ctx.queryParam("platform"));
        String stored = reports == null || image == null ? null : reports.sbom(repo, tag, image.digest()).orElse(null);
        if (stored == null) {
            throw new PageException(404, "No SBOM is stored for " + repo.fullName() + ":" + tag
                    + ": image analysis is off for this repository, or the image has not been analysed yet.");
        }
        JsonNode json = JSON.readTree(stored);
        Sbom sbom = JsonSbomReader.read(json, ctx.host() + "/" + repo.fullName() + ":" + tag);
        String name = repo.fullName().replace('/', '-') + "-" + tag
                + (image.platform().isEmpty() ? "" : "-" + image.platform()) + download.extension();
        // the platform is whatever the pushed index says: keep the header's quoted file name plain
        name = name.replaceAll("[^A-Za-z0-9._-]", "-");
        ctx.contentType(download.contentType());
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.header("X-Content-Type-Options", "nosniff");
        try (OutputStream out = ctx.outputStream()) {
            download.format().get().write(sbom, out);
        }
    }
}
