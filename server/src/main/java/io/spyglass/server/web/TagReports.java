package io.spyglass.server.web;

import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.Cvss;
import io.spyglass.advisory.Rating;
import io.spyglass.advisory.Severity;
import io.spyglass.advisory.Vulnerability;
import io.spyglass.server.analysis.report.ReportModel;
import io.spyglass.server.analysis.report.ReportModel.FindingInfo;
import io.spyglass.server.analysis.report.ReportModel.HistoryEntry;
import io.spyglass.server.analysis.report.ReportModel.ImageReport;
import io.spyglass.server.analysis.report.ReportModel.PackageInfo;
import io.spyglass.server.web.TagReport.FindingRow;
import io.spyglass.server.web.TagReport.HistoryRow;
import io.spyglass.server.web.TagReport.PackageFindings;
import io.spyglass.server.web.TagReport.PackageRow;
import io.spyglass.server.web.VulnerabilityView.RatingRow;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns one image's stored report (the analysis part's {@link ImageReport}) and its history into
 * the tag page's view. The level shown is the one stored with the finding (the preferred source's);
 * what every source says and the summary come from the node's live advisory index, which the
 * vulnerability page also reads, so both pages agree.
 */
final class TagReports {
    private static final Comparator<PackageFindings> WORST_FIRST = Comparator
            .comparingLong((PackageFindings p) -> -p.counts().weight())
            .thenComparing(PackageFindings::name).thenComparing(PackageFindings::version);

    private TagReports() {}

    static TagReport build(ImageReport image, List<HistoryEntry> history, AdvisoryIndex index) {
        List<PackageFindings> findings = image.packages().stream().filter(p -> !p.findings().isEmpty())
                .map(p -> findings(p, index)).sorted(WORST_FIRST).toList();
        List<PackageRow> packages = image.packages().stream()
                .map(p -> new PackageRow(p.name(), orEmpty(p.version()), p.type(), orEmpty(p.purl()),
                        String.join(", ", p.licenses()), first(p.layers()), path(p.paths())))
                .toList();
        List<HistoryRow> changes = history.stream().filter(h -> h.digest().equals(image.digest()))
                .map(h -> new HistoryRow(Formats.dateTime(h.at()), h.vulnerabilityId(), h.change(),
                        h.packageName() + (h.packageVersion() == null ? "" : " " + h.packageVersion()), h.reason()))
                .toList();
        List<TagReport.UnreadRow> unread = image.unknowns().stream()
                .map(u -> new TagReport.UnreadRow(u.path(), u.layer(), u.message())).toList();
        return new TagReport(findings, packages, changes, unread);
    }

    private static PackageFindings findings(PackageInfo p, AdvisoryIndex index) {
        List<FindingRow> rows = p.findings().stream().map(f -> finding(f, index))
                .sorted(Comparator.comparingInt((FindingRow f) -> VulnerabilityViews.rank(f.level())).thenComparing(FindingRow::id))
                .toList();
        int[] n = new int[5];
        // a finding a VEX statement suppresses stays listed but is not counted
        rows.stream().filter(f -> !f.suppressed()).forEach(f -> n[VulnerabilityViews.rank(f.level())]++);
        return new PackageFindings(p.name(), orEmpty(p.version()), p.type(), orEmpty(p.purl()), first(p.layers()),
                path(p.paths()), new SeverityCounts(n[0], n[1], n[2], n[3], n[4]), rows);
    }

    private static FindingRow finding(FindingInfo f, AdvisoryIndex index) {
        SeverityCounts.Level level = VulnerabilityViews.level(Severity.parse(f.severity()));
        Optional<Vulnerability> v = VulnerabilityViews.find(index, f.vulnerabilityId());
        List<RatingRow> ratings = v.map(VulnerabilityViews::ratings).filter(r -> !r.isEmpty())
                .orElseGet(() -> List.of(stored(f)));
        String summary = v.map(Vulnerability::summary).orElse("");
        return new FindingRow(f.vulnerabilityId(), level, orEmpty(f.fixedVersion()), Objects.toString(summary, ""), ratings,
                vex(f.vex()));
    }

    private static TagReport.VexRow vex(ReportModel.VexNote note) {
        if (note == null) return null;
        return new TagReport.VexRow(note.suppresses(), note.text(), orEmpty(note.author()),
                note.statedAt() == null ? "" : Formats.dateTime(note.statedAt()));
    }

    /** When the index no longer knows the id (data withdrawn since), what was stored with the finding. */
    private static RatingRow stored(FindingInfo f) {
        Cvss cvss = null;
        if (f.cvss() != null && !f.cvss().isBlank()) {
            try {
                cvss = Cvss.parse(f.cvss());
            } catch (IllegalArgumentException e) {
                cvss = null; // a vector this build cannot score: the level alone is still true
            }
        }
        return VulnerabilityViews.row(new Rating(f.source(), Severity.parse(f.severity()), cvss));
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? "" : values.get(0);
    }

    /** Catalogers record paths from the image root without the leading slash; people read them with it. */
    private static String path(List<String> paths) {
        String p = first(paths);
        return p.isEmpty() || p.startsWith("/") ? p : "/" + p;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
