package io.spyglass.server.web;

import java.util.List;

/**
 * The tag details page.
 *
 * @param tab         "layers", "vulnerabilities", "packages" or "history"
 * @param platforms   the platforms of a multi-platform tag (one entry, or none, otherwise)
 * @param platform    the platform shown
 * @param imageDigest the digest of the platform's image manifest (the tag's own digest for a single image)
 * @param report      the stored analysis of that image ({@link TagReport#NONE} when there is none to show)
 * @param supplyChain attestations of that image and referrers of the tag and image
 */
record TagView(Frame frame, RepoHeader header, TagRow tag, String tab, String pullCommand, List<String> platforms,
               String platform, String imageDigest, ImageFacts.ImageDetails details, TagReport report,
               ReportFilter filter, SupplyChainView supplyChain) {
    TagView {
        platforms = List.copyOf(platforms);
    }

    /** A page with nothing attested and no referrers. */
    TagView(Frame frame, RepoHeader header, TagRow tag, String tab, String pullCommand, List<String> platforms,
            String platform, String imageDigest, ImageFacts.ImageDetails details, TagReport report, ReportFilter filter) {
        this(frame, header, tag, tab, pullCommand, platforms, platform, imageDigest, details, report, filter, SupplyChainView.NONE);
    }

    String tabUrl(String which) {
        String path = tag.url() + (which.equals("layers") ? "" : "/" + which);
        return path + platformQuery();
    }

    /**
     * {@code ?platform=…} for a multi-platform tag, else "". Encoded: a platform is whatever the
     * pushed index says, so it may hold {@code &}, {@code #} or spaces.
     */
    String platformQuery() {
        // "/" may stay as it is in a query, and linux/arm64 reads better
        return multiPlatform()
                ? "?platform=" + java.net.URLEncoder.encode(platform, java.nio.charset.StandardCharsets.UTF_8).replace("%2F", "/")
                : "";
    }

    /** The heading of the unread-files notice: the report is incomplete, and why it matters. */
    String unreadSummary() {
        int n = report.unknowns().size();
        return (n == 1 ? "1 file" : n + " files") + " could not be read: packages in "
                + (n == 1 ? "it" : "them") + " are missing from this report";
    }

    /** The current tab's address without query, for the filter forms. */
    String tabPath() {
        return tag.url() + (tab.equals("layers") ? "" : "/" + tab);
    }

    String current(String which) {
        return which.equals(tab) ? "page" : null;
    }

    boolean multiPlatform() {
        return platforms.size() > 1;
    }

    List<TagReport.PackageFindings> findings() {
        return filter.findings(report.findings());
    }

    List<TagReport.PackageRow> packages() {
        return filter.packages(report.packages());
    }

    /** Package types present in the report, for the type filter. */
    List<String> types() {
        return report.packages().stream().map(TagReport.PackageRow::type).distinct().sorted().toList();
    }

    /** "layer 3 (sha256:ab12…)" for a layer digest, by its place in the image. */
    String layerLabel(String digest) {
        return details.layers().stream().filter(l -> l.digest().equals(digest)).findFirst()
                .map(l -> "layer " + l.index() + " (" + l.shortDigest() + ")").orElse(digest);
    }

    /** "layer 3" for a layer digest, by its place in the image; the digest when it is not one of the image's. */
    String layerNumber(String digest) {
        return details.layers().stream().filter(l -> l.digest().equals(digest)).findFirst()
                .map(l -> "layer " + l.index()).orElse(digest.isEmpty() ? "—" : digest);
    }

    /** The findings of the packages a layer added, for the Layers tab. */
    SeverityCounts layerCounts(String digest) {
        return report.findings().stream().filter(p -> p.layer().equals(digest)).map(TagReport.PackageFindings::counts)
                .reduce(SeverityCounts.NONE, SeverityCounts::plus);
    }

    /** Link from the Layers tab: the vulnerabilities of the packages this layer added. */
    String layerFilterUrl(String digest) {
        return tag.url() + "/vulnerabilities" + (multiPlatform() ? platformQuery() + "&" : "?") + "layer=" + digest;
    }
}
