package io.spyglass.server.web;

import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.TagListing;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Rows for repository lists (home, user and organisation pages), only of repositories the viewer may pull. */
final class RepoSummaries {
    private final Hub hub;
    private final TagListing tags;
    private final TagAnalyses analyses;

    RepoSummaries(Hub hub, TagListing tags, TagAnalyses analyses) {
        this.hub = hub;
        this.tags = tags;
        this.analyses = analyses;
    }

    /** Visible repositories as rows, worst findings first, then by name. */
    List<RepoSummaryRow> rows(Caller caller, List<Repository> repos) {
        Instant now = Instant.now();
        return repos.stream()
                .filter(r -> hub.permissions().canPull(caller, r))
                .map(r -> row(r, now))
                .sorted(Comparator.comparingLong((RepoSummaryRow r) -> -r.worst().counts().weight())
                        .thenComparing(RepoSummaryRow::fullName))
                .toList();
    }

    private RepoSummaryRow row(Repository repo, Instant now) {
        long last = tags.lastPushed(repo.id());
        TagAnalyses.Worst worst = analyses.worst(repo);
        return new RepoSummaryRow(repo.fullName(), RepositoryPages.url(repo), repo.isPrivate(), repo.description(),
                tags.count(repo.id()), last == 0 ? "never" : Formats.ago(last, now), worst.cell(), worst.tag(),
                worst.tag() == null ? null : RepositoryPages.tagUrl(repo, worst.tag()));
    }
}
