package io.spyglass.server.web;

import io.javalin.http.Context;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.TagListing;
import java.time.Instant;
import java.util.Set;

/** The tag details page: digest, platforms, size, and the analysis tabs. */
final class TagPages {
    private static final Set<String> TABS = Set.of("layers", "vulnerabilities", "packages", "history");

    private final TagListing tags;
    private final TagAnalyses analyses;
    private final Platforms platforms;
    private final Templates templates;
    private final Frames frames;

    TagPages(TagListing tags, TagAnalyses analyses, Platforms platforms, Templates templates, Frames frames) {
        this.tags = tags;
        this.analyses = analyses;
        this.platforms = platforms;
        this.templates = templates;
        this.frames = frames;
    }

    void show(Context ctx, Repository repo, RepoHeader header, String tag, String tab) {
        if (!TABS.contains(tab)) {
            throw PageException.notFound();
        }
        TagListing.TagInfo info = tags.tag(repo.id(), tag).orElseThrow(PageException::notFound);
        Instant now = Instant.now();
        TagRow row = new TagRow(info.name(), info.digest(), platforms.of(info.digest()), Formats.size(info.size()),
                Formats.ago(info.pushedAt(), now), Formats.iso(info.pushedAt()), analyses.cell(repo, info),
                RepositoryPages.tagUrl(repo, info.name()));
        Frame frame = RepositoryPages.refreshing(frames.of(ctx, repo.fullName() + ":" + tag), java.util.List.of(row));
        templates.page(ctx, "tag.jte", new TagView(frame, header, row, tab,
                "docker pull " + ctx.host() + "/" + repo.fullName() + ":" + tag));
    }
}
