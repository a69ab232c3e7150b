package io.spyglass.server.web;

import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.server.analysis.report.ReportModel.Counts;
import io.spyglass.server.analysis.report.ReportModel.HistoryEntry;
import io.spyglass.server.analysis.report.ReportModel.ImageReport;
import io.spyglass.server.analysis.report.ReportModel.TagSummary;
import io.spyglass.server.analysis.policy.TagPolicies;
import io.spyglass.server.analysis.report.Reports;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.TagListing;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What each tag's row says about analysis, read from the analysis part's stored summaries. Callers
 * have already checked the viewer may pull the repository. Without an analysis part (some page
 * tests) a tag is "Analysis off" or "Not analysed yet"; nothing is made up.
 */
final class TagAnalyses {
    private final Reports reports;
    private final Supplier<AdvisoryIndex> advisories;

    /**
     * @param reports    the analysis part's reports, or null when this server runs no analysis
     * @param advisories the node's live advisory index, for what each source says about a finding
     */
    TagAnalyses(Reports reports, Supplier<AdvisoryIndex> advisories) {
        this.reports = reports;
        this.advisories = advisories;
    }

    AnalysisCell cell(Repository repo, TagListing.TagInfo tag) {
        if (reports == null || "none".equals(repo.imageInsight())) return unanalysed(repo);
        // the grade before the counts: re-evaluation moves a summary before its verdicts, so read in this
        // order a cell never pairs a newer grade with older counts
        Optional<String> grade = reports.policies() == null ? Optional.empty() : reports.policies().grade(repo, tag.name());
        AnalysisCell cell = cell(repo, reports.summary(repo, tag.name(), tag.digest()));
        return cell.hasCounts() && reports.policies() != null ? cell.withGrade(grade.orElse("")) : cell;
    }

    /** The cell with the tag's grade, once its images have policy verdicts. */
    private AnalysisCell graded(Repository repo, String tag, AnalysisCell cell) {
        if (!cell.hasCounts() || reports.policies() == null) return cell;
        return cell.withGrade(reports.policies().grade(repo, tag).orElse(""));
    }

    /** A tag's policy verdicts and grade, for the tag page ({@link TagPolicies#NONE} without analysis). */
    TagPolicies policies(Repository repo, String tag) {
        if (reports == null || reports.policies() == null) return TagPolicies.NONE;
        return reports.policies().tag(repo, tag);
    }

    /**
     * The stored report of one image of a tag (the platform shown): packages, findings, history.
     * Read as the viewer, so a repository the viewer may not pull gives nothing.
     */
    TagReport report(Caller viewer, Repository repo, String tag, String imageDigest) {
        if (reports == null) return TagReport.NONE;
        Optional<ImageReport> image = reports.tag(viewer, repo.namespace(), repo.name(), tag)
                .flatMap(r -> r.images().stream().filter(i -> i.digest().equals(imageDigest) && "done".equals(i.status()))
                        .findFirst());
        if (image.isEmpty()) return TagReport.NONE;
        List<HistoryEntry> history = reports.history(viewer, repo.namespace(), repo.name(), tag).orElse(List.of());
        return TagReports.build(image.get(), history, advisories.get());
    }

    /** The image's base and recommended fixes as the viewer may see them (base images, issue 11). */
    TagBaseView base(Caller viewer, String imageDigest, List<String> layers, String origin) {
        if (reports == null) return TagBaseView.NONE;
        return TagBaseView.of(reports.bases().of(viewer, imageDigest), layers, origin);
    }

    /** The repository's worst tag (null when there is no analysed tag to name) and its analysis. */
    record Worst(String tag, AnalysisCell cell) {}

    /**
     * The analysis of the repository's worst tag, for lists sorted by worst findings: the tag with
     * the heaviest counts (the newest push among equals), else the newest tag's state.
     */
    Worst worst(Repository repo) {
        if (reports == null || "none".equals(repo.imageInsight())) return new Worst(null, unanalysed(repo));
        List<Worst> tags = reports.summaries(repo).stream().map(s -> new Worst(s.tag(), cell(repo, s))).toList();
        Worst worst = tags.stream().filter(w -> w.cell().hasCounts())
                .max(Comparator.comparingLong(w -> w.cell().counts().weight()))
                .orElse(tags.isEmpty() ? new Worst(null, AnalysisCell.NOT_ANALYSED) : tags.get(0));
        return worst.tag() == null ? worst : new Worst(worst.tag(), graded(repo, worst.tag(), worst.cell()));
    }

    private static AnalysisCell unanalysed(Repository repo) {
        return "none".equals(repo.imageInsight()) ? AnalysisCell.OFF : AnalysisCell.NOT_ANALYSED;
    }

    static AnalysisCell cell(Repository repo, TagSummary s) {
        return switch (s.status()) {
            case "queued", "analysing" -> AnalysisCell.ANALYSING;
            case "failed" -> AnalysisCell.failed(s.reason() == null ? "unknown reason" : s.reason());
            case "done" -> "basic".equals(s.mode())
                    ? AnalysisCell.basic(counts(s.counts()), s.analysedAt() == null ? "" : Formats.dateTime(s.analysedAt()))
                    : AnalysisCell.advanced(counts(s.counts()));
            default -> unanalysed(repo);
        };
    }

    static SeverityCounts counts(Counts c) {
        if (c == null) return SeverityCounts.NONE;
        return new SeverityCounts(Math.toIntExact(c.critical()), Math.toIntExact(c.high()), Math.toIntExact(c.medium()),
                Math.toIntExact(c.low()), Math.toIntExact(c.other()));
    }
}
