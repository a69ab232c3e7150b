package io.spyglass.server.analysis.report;

import java.util.List;

/**
 * The records the JSON API and the web pages read (no SQL types). Times are epoch milliseconds.
 * A tag's {@code status} is one of {@code queued, analysing, done, failed, off} ({@code off}: the
 * repository's image insight is none, or the tag was pushed before it was turned on).
 */
public final class ReportModel {
    private ReportModel() {}

    /** Findings counted by severity; {@code fixable} have a fixed version. */
    public record Counts(long critical, long high, long medium, long low, long other, long fixable) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);

        public long total() {
            return critical + high + medium + low + other;
        }

        Counts plus(Counts o) {
            return new Counts(critical + o.critical, high + o.high, medium + o.medium, low + o.low, other + o.other,
                    fixable + o.fixable);
        }

        /** These counts without {@code o} (the findings a VEX statement suppresses). */
        public Counts minus(Counts o) {
            return new Counts(critical - o.critical, high - o.high, medium - o.medium, low - o.low, other - o.other,
                    fixable - o.fixable);
        }
    }

    /** One tag's summary, summed over its platforms. {@code counts} is null unless status is done. */
    public record TagSummary(String tag, String digest, String mode, String status, String reason, Counts counts,
                             Long analysedAt, Long evaluatedAt, String dataVersion, List<String> platforms) {
        public TagSummary {
            platforms = List.copyOf(platforms);
        }
    }

    public record RepositoryTags(String namespace, String name, boolean isPrivate, String imageInsight, List<TagSummary> tags) {
        public RepositoryTags {
            tags = List.copyOf(tags);
        }
    }

    /** A layer as its config's history tells it. */
    public record LayerInfo(String digest, long size, String createdBy) {}

    /**
     * A vulnerability found in a package, with the advisories and sources that said so (comma-separated
     * when several sources name it); {@code uncertain} when the installed version could not be read.
     * {@code suppressed} when a VEX statement of the repository says it does not apply ({@code not_affected}
     * or {@code fixed}): it is shown, never counted; {@code vex} is the deciding statement, or null.
     */
    public record FindingInfo(String vulnerabilityId, String advisoryId, String source, String namespace, String severity,
                              String cvss, String fixedVersion, String affectedRange, boolean uncertain, boolean suppressed,
                              VexNote vex) {
        public FindingInfo(String vulnerabilityId, String advisoryId, String source, String namespace, String severity,
                           String cvss, String fixedVersion, String affectedRange, boolean uncertain) {
            this(vulnerabilityId, advisoryId, source, namespace, severity, cvss, fixedVersion, affectedRange, uncertain, false, null);
        }
    }

    /**
     * The VEX statement that decides a finding: its status ({@code not_affected, fixed, affected,
     * under_investigation}), whether it suppresses the finding, its justification, impact and action
     * statements, the text shown ("Suppressed by VEX: …"), and the document's author, time (epoch ms)
     * and {@code @id}.
     */
    public record VexNote(String status, boolean suppresses, String justification, String impactStatement,
                          String actionStatement, String text, String author, Long statedAt, String documentId) {}

    /**
     * A package of the SBOM and what affects it. {@code layers} holds the digest of the layer that
     * put each path there (same order as {@code paths}; "" when unknown); {@code licenses} as declared.
     */
    public record PackageInfo(String type, String name, String version, String purl, List<String> paths,
                              List<String> layers, List<String> licenses, List<FindingInfo> findings) {
        public PackageInfo {
            paths = List.copyOf(paths);
            layers = List.copyOf(layers);
            licenses = List.copyOf(licenses);
            findings = List.copyOf(findings);
        }
    }

    /**
     * A file the analyser found but could not read (a corrupt package database, a broken jar…): the
     * packages it holds are missing from the report, so the report says so (the SBOM's unknowns).
     */
    public record UnreadFile(String path, String layer, String message) {}

    /** One platform's image of a tag; {@code unknowns} lists the files that could not be read. */
    public record ImageReport(String digest, String platform, Long size, String status, String reason, Counts counts,
                              Long analysedAt, Long evaluatedAt, String dataVersion, List<LayerInfo> layers,
                              List<PackageInfo> packages, List<UnreadFile> unknowns) {
        public ImageReport {
            layers = List.copyOf(layers);
            packages = List.copyOf(packages);
            unknowns = List.copyOf(unknowns);
        }
    }

    public record TagReport(String namespace, String name, TagSummary summary, List<ImageReport> images) {
        public TagReport {
            images = List.copyOf(images);
        }
    }

    /**
     * An image a vulnerability affects, as a tag the caller may pull: {@code digest} is the image
     * manifest's (one platform of a multi-platform tag), {@code platform} may be null; {@code path} is
     * where in the image the package was found first (one package may be installed at two paths).
     */
    public record AffectedImage(String namespace, String name, String tag, String digest, String platform,
                                String packageName, String packageVersion, String path, String severity, String fixedVersion) {}

    /** A stored package whose name matched a search, in a tag the caller may pull, with its finding count. */
    public record PackageHit(String namespace, String name, String tag, String digest, String type, String packageName,
                             String packageVersion, String path, long findings) {}

    public record VulnerabilityReport(String id, List<AffectedImage> images) {
        public VulnerabilityReport {
            images = List.copyOf(images);
        }
    }

    /** One change to a tag's findings: {@code change} is added or removed; {@code reason} says why. */
    public record HistoryEntry(long at, String digest, String vulnerabilityId, String packageName, String packageVersion,
                               String change, String reason, String advisoryId) {}
}
