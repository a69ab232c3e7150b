package io.spyglass.server.web;

import io.spyglass.server.analysis.policy.PolicyHistory;

import io.spyglass.server.web.VulnerabilityView.RatingRow;
import java.util.List;

/**
 * A tag's analysis as the tag page shows it: packages with their findings, the SBOM, and the report's
 * history. Built from the stored report by the analysis part's data; the page filters it.
 */
record TagReport(List<PackageFindings> findings, List<PackageRow> packages, List<HistoryRow> history,
                 List<UnreadRow> unknowns) {
    static final TagReport NONE = new TagReport(List.of(), List.of(), List.of());

    TagReport {
        findings = List.copyOf(findings);
        packages = List.copyOf(packages);
        history = List.copyOf(history);
        unknowns = List.copyOf(unknowns);
    }

    TagReport(List<PackageFindings> findings, List<PackageRow> packages, List<HistoryRow> history) {
        this(findings, packages, history, List.of());
    }

    /** A file the analyser could not read; its packages are missing from the report. */
    record UnreadRow(String path, String layer, String message) {}

    /** One vulnerable package and its vulnerabilities, worst first; {@code layer} is the digest that added it. */
    record PackageFindings(String name, String version, String type, String purl, String layer, String path,
                           SeverityCounts counts, List<FindingRow> vulnerabilities) {
        PackageFindings {
            vulnerabilities = List.copyOf(vulnerabilities);
        }

        SeverityCounts.Level worst() {
            return counts.levels().stream().filter(l -> l.count() > 0).findFirst()
                    .orElse(new SeverityCounts.Level("u", "unspecified", 0));
        }

        boolean fixable() {
            return vulnerabilities.stream().anyMatch(f -> !f.fixed().isEmpty());
        }
    }

    /**
     * One vulnerability of a package: the level shown (the preferred source's), what each source
     * says, and the version that fixes it ("" when none).
     */
    record FindingRow(String id, SeverityCounts.Level level, String fixed, String summary, List<RatingRow> ratings,
                      VexRow vex) {
        FindingRow {
            ratings = List.copyOf(ratings);
        }

        FindingRow(String id, SeverityCounts.Level level, String fixed, String summary, List<RatingRow> ratings) {
            this(id, level, fixed, summary, ratings, null);
        }

        boolean suppressed() {
            return vex != null && vex.suppresses();
        }

        String url() {
            return id.startsWith(PolicyHistory.PREFIX) ? "#policies" : "/vulnerabilities/" + id;
        }
    }

    /**
     * The VEX statement deciding a finding: "Suppressed by VEX: vulnerable_code_not_in_execute_path"
     * (or "VEX: affected…"), who stated it and when ("" when the document does not say).
     */
    record VexRow(boolean suppresses, String text, String author, String when) {}

    /** One SBOM entry. */
    record PackageRow(String name, String version, String type, String purl, String licenses, String layer, String path) {}

    /** One change of the report: a vulnerability added to or removed from a package, when and why. */
    record HistoryRow(String when, String id, String change, String pkg, String reason) {
        String url() {
            return id.startsWith(PolicyHistory.PREFIX) ? "#policies" : "/vulnerabilities/" + id;
        }
    }
}
