package io.spyglass.server.web;

import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.TagListing;

/**
 * What each tag's row says about analysis. Until the analysis part stores reports, a tag is either
 * "Analysis off" (image insight none) or "Not analysed yet"; nothing is made up.
 */
final class TagAnalyses {
    AnalysisCell cell(Repository repo, TagListing.TagInfo tag) {
        return "none".equals(repo.imageInsight()) ? AnalysisCell.OFF : AnalysisCell.NOT_ANALYSED;
    }

    /** The stored report of a tag's image: packages, findings, history. */
    TagReport report(Repository repo, TagListing.TagInfo tag) {
        return TagReport.NONE;
    }

    /** The analysis of the repository's worst tag, for lists sorted by worst findings. */
    AnalysisCell worst(Repository repo) {
        return "none".equals(repo.imageInsight()) ? AnalysisCell.OFF : AnalysisCell.NOT_ANALYSED;
    }
}
