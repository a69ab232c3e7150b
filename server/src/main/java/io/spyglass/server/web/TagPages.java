package io.spyglass.server.web;

import io.javalin.http.Context;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.TagListing;
import io.spyglass.server.analysis.policy.TagPolicies;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The tag details page: digest, platform (a selector for multi-platform tags), size, layers with the
 * command that made each, and the analysis tabs.
 */
final class TagPages {
    private static final Set<String> TABS = Set.of("layers", "vulnerabilities", "packages", "history");

    private final TagListing tags;
    private final TagAnalyses analyses;
    private final ImageFacts facts;
    private final Templates templates;
    private final Frames frames;
    private final io.spyglass.server.analysis.attestation.Attestations attestations;

    TagPages(TagListing tags, TagAnalyses analyses, ImageFacts facts, Templates templates, Frames frames,
             io.spyglass.server.analysis.attestation.Attestations attestations) {
        this.attestations = attestations;
        this.tags = tags;
        this.analyses = analyses;
        this.facts = facts;
        this.templates = templates;
        this.frames = frames;
    }

    void show(Context ctx, Repository repo, RepoHeader header, String tag, String tab) {
        if (!TABS.contains(tab)) {
            throw PageException.notFound();
        }
        TagListing.TagInfo info = tags.tag(repo.id(), tag).orElseThrow(PageException::notFound);
        Instant now = Instant.now();
        // verdicts before counts: re-evaluation moves a summary before its verdicts, so read in this order
        // the page never pairs a newer verdict with an older summary
        TagPolicies verdicts = analyses.policies(repo, info.name());
        TagRow row = new TagRow(info.name(), info.digest(), facts.platforms(info.digest()), Formats.size(info.size()),
                Formats.ago(info.pushedAt(), now), Formats.iso(info.pushedAt()), analyses.cell(repo, info),
                RepositoryPages.tagUrl(repo, info.name()));
        List<ImageFacts.PlatformManifest> images = facts.manifests(info.digest());
        ImageFacts.PlatformManifest selected = selected(images, ctx.queryParam("platform"));
        ImageFacts.ImageDetails details = selected == null ? ImageFacts.ImageDetails.UNKNOWN : facts.details(selected.digest());
        List<String> choices = images.stream().map(ImageFacts.PlatformManifest::platform).toList();
        Frame frame = RepositoryPages.refreshing(frames.of(ctx, repo.fullName() + ":" + tag), List.of(row));
        templates.page(ctx, "tag.jte", new TagView(frame, header, row, tab,
                "docker pull " + ctx.host() + "/" + repo.fullName() + ":" + tag, choices,
                selected == null ? "" : selected.platform(), selected == null ? info.digest() : selected.digest(), details,
                row.analysis().hasCounts() && selected != null
                        ? analyses.report(Viewers.caller(ctx), repo, info.name(), selected.digest()) : TagReport.NONE,
                ReportFilter.of(ctx), supplyChain(repo, info.digest(), selected),
                row.analysis().hasCounts() ? verdicts : null,
                selected == null ? TagBaseView.NONE : analyses.base(Viewers.caller(ctx), selected.digest(),
                        details.layers().stream().filter(l -> !l.empty()).map(LayerRow::digest).toList(), ctx.queryParam("origin"))));
    }

    /** Attestations of the image shown, referrers of the tag's digest and of that image. */
    private SupplyChainView supplyChain(Repository repo, String tagDigest, ImageFacts.PlatformManifest selected) {
        List<String> subjects = selected == null ? List.of(tagDigest) : List.of(tagDigest, selected.digest());
        return new SupplyChainView(selected == null ? io.spyglass.server.analysis.attestation.ImageAttestations.NONE
                : attestations.of(repo.id(), selected.digest()), attestations.referrers(repo.id(), subjects), tagDigest);
    }

    /**
     * The image of the platform asked for ({@code ?platform=}), else the first; null when the tag's
     * images are unknown. A platform the tag has no image for is a 404.
     */
    static ImageFacts.PlatformManifest selected(List<ImageFacts.PlatformManifest> images, String wanted) {
        ImageFacts.PlatformManifest selected = images.stream().filter(m -> m.platform().equals(wanted)).findFirst()
                .orElse(images.isEmpty() ? null : images.get(0));
        if (wanted != null && (selected == null || !selected.platform().equals(wanted))) {
            throw new PageException(404, "This tag has no image for the platform " + wanted + ".");
        }
        return selected;
    }
}
