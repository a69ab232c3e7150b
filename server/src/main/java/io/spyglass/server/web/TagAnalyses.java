package io.spyglass.server.web;

import io.spyglass.server.analysis.ReportModel.Counts;
import io.spyglass.server.analysis.ReportModel.TagSummary;
import io.spyglass.server.analysis.Reports;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.TagListing;
import java.util.Comparator;
import java.util.List;

/**
 * What each tag's row says about analysis, read from the analysis part's stored summaries. Callers
 * have already checked the viewer may pull the repository. Without an analysis part (some page
 * tests) a tag is "Analysis off" or "Not analysed yet"; nothing is made up.
 */
final class TagAnalyses {
    private final Reports reports;

    /** @param reports the analysis part's reports, or null when this server runs no analysis */
    TagAnalyses(Reports reports) {
        this.reports = reports;
    }

    AnalysisCell cell(Repository repo, TagListing.TagInfo tag) {
        if (reports == null || "none".equals(repo.imageInsight())) return unanalysed(repo);
        return cell(repo, reports.summary(repo, tag.name(), tag.digest()));
    }

    /** The stored report of a tag's image: packages, findings, history. */
    TagReport report(Repository repo, TagListing.TagInfo tag) {
        return TagReport.NONE;
    }

    /** The analysis of the repository's worst tag, for lists sorted by worst findings. */
    AnalysisCell worst(Repository repo) {
        if (reports == null || "none".equals(repo.imageInsight())) return unanalysed(repo);
        List<AnalysisCell> cells = reports.summaries(repo).stream().map(s -> cell(repo, s)).toList();
        return cells.stream().filter(AnalysisCell::hasCounts)
                .max(Comparator.comparingLong(c -> c.counts().weight()))
                .orElse(cells.isEmpty() ? AnalysisCell.NOT_ANALYSED : cells.get(0));
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
