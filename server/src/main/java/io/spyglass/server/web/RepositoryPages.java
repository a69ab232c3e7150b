package io.spyglass.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.TagListing;
import io.spyglass.server.store.TagListing.TagInfo;
import java.time.Instant;
import java.util.List;

/**
 * A repository's General, Tags and Settings tabs. A repository name may hold slashes, so the tabs
 * live after a {@code /-/} that no repository name can contain: {@code /r/ns/a/b/-/tags}.
 * A repository the viewer may not pull answers exactly like a missing one.
 */
final class RepositoryPages {
    static final int GENERAL_TAGS = 10;
    static final int PAGE_SIZE = 25;

    private final Hub hub;
    private final TagListing tags;
    private final TagAnalyses analyses;
    private final ImageFacts facts;
    private final RepoSettingsForm settings;
    private final TagPages tagPages;
    private final SbomDownloads downloads;
    private final RepositoryInsights insights;
    private final Templates templates;
    private final Frames frames;

    RepositoryPages(Hub hub, TagListing tags, TagAnalyses analyses, ImageFacts facts, RepoSettingsForm settings,
                    TagPages tagPages, SbomDownloads downloads, RepositoryInsights insights, Templates templates, Frames frames) {
        this.hub = hub;
        this.tags = tags;
        this.analyses = analyses;
        this.facts = facts;
        this.settings = settings;
        this.tagPages = tagPages;
        this.downloads = downloads;
        this.insights = insights;
        this.templates = templates;
        this.frames = frames;
    }

    void register(Javalin app) {
        app.get("/r/{ns}/<rest>", this::get);
        app.post("/r/{ns}/<rest>", this::post);
    }

    static String url(Repository repo) {
        return "/r/" + repo.fullName();
    }

    static String tagUrl(Repository repo, String tag) {
        return url(repo) + "/-/tags/" + tag;
    }

    private void get(Context ctx) throws java.io.IOException {
        RepoPath path = RepoPath.parse(ctx.pathParam("rest"));
        Repository repo = visible(ctx, ctx.pathParam("ns"), path.name());
        switch (path.tab()) {
            case "general" -> general(ctx, repo);
            case "tags" -> tagList(ctx, repo);
            case "settings" -> settings.show(ctx, repo, header(ctx, repo, "settings"));
            case "trends.svg" -> insights.trend(ctx, repo);
            case "compare" -> insights.compare(ctx, repo, header(ctx, repo, "tags"));
            case "tag" -> {
                if (SbomDownloads.handles(path.tagTab())) {
                    downloads.download(ctx, repo, path.tag(), path.tagTab());
                } else {
                    tagPages.show(ctx, repo, header(ctx, repo, "tags"), path.tag(), path.tagTab());
                }
            }
            default -> throw PageException.notFound();
        }
    }

    private void post(Context ctx) {
        RepoPath path = RepoPath.parse(ctx.pathParam("rest"));
        Repository repo = visible(ctx, ctx.pathParam("ns"), path.name());
        if (!path.tab().equals("settings")) {
            throw PageException.notFound();
        }
        settings.save(ctx, repo, header(ctx, repo, "settings"));
    }

    /** The repository, if it exists and the viewer may pull it; otherwise the same 404 either way. */
    private Repository visible(Context ctx, String namespace, String name) {
        Caller caller = Viewers.caller(ctx);
        return hub.repositories().find(namespace, name)
                .filter(r -> hub.permissions().canPull(caller, r))
                .orElseThrow(PageException::notFound);
    }

    RepoHeader header(Context ctx, Repository repo, String tab) {
        boolean admin = hub.permissions().canChangeSettings(Viewers.caller(ctx), repo);
        String nsUrl = hub.organizations().find(repo.namespace()).isPresent()
                ? "/orgs/" + repo.namespace() : "/u/" + repo.namespace();
        return new RepoHeader(repo.namespace(), nsUrl, repo.name(), repo.isPrivate(), repo.description(), tab, admin);
    }

    private void general(Context ctx, Repository repo) {
        List<TagInfo> latest = tags.tags(repo.id(), TagListing.Order.PUSHED, 0, GENERAL_TAGS);
        List<TagRow> rows = rows(repo, latest);
        SeverityCounts chart = rows.stream().map(TagRow::analysis).filter(AnalysisCell::hasCounts)
                .map(AnalysisCell::counts).reduce(SeverityCounts.NONE, SeverityCounts::plus);
        String target = ctx.host() + "/" + repo.fullName();
        String pullTag = latest.isEmpty() ? "latest" : latest.get(0).name();
        Frame frame = refreshing(frames.of(ctx, repo.fullName()), rows);
        templates.page(ctx, "repoGeneral.jte", new RepoGeneralView(frame, header(ctx, repo, "general"),
                "docker pull " + target + ":" + pullTag, target + ":TAG", rows, tags.count(repo.id()), chart, insights.trendUrl(repo)));
    }

    private void tagList(Context ctx, Repository repo) {
        String sort = "name".equals(ctx.queryParam("sort")) ? "name" : "pushed";
        int count = tags.count(repo.id());
        int pages = Math.max(1, (count + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(pages, Math.max(1, parsePage(ctx.queryParam("page"))));
        TagListing.Order order = sort.equals("name") ? TagListing.Order.NAME : TagListing.Order.PUSHED;
        List<TagRow> rows = rows(repo, tags.tags(repo.id(), order, (page - 1) * PAGE_SIZE, PAGE_SIZE));
        String base = url(repo) + "/-/tags?sort=" + sort + "&page=";
        Frame frame = refreshing(frames.of(ctx, "Tags · " + repo.fullName()), rows);
        templates.page(ctx, "repoTags.jte", new RepoTagsView(frame, header(ctx, repo, "tags"), rows, sort, page, pages,
                page > 1 ? base + (page - 1) : null, page < pages ? base + (page + 1) : null));
    }

    List<TagRow> rows(Repository repo, List<TagInfo> infos) {
        Instant now = Instant.now();
        return infos.stream().map(t -> new TagRow(t.name(), t.digest(), facts.platforms(t.digest()), Formats.size(t.size()),
                Formats.ago(t.pushedAt(), now), Formats.iso(t.pushedAt()), analyses.cell(repo, t), tagUrl(repo, t.name())))
                .toList();
    }

    /** While any tag on the page is being analysed, the page reloads itself until the result is there. */
    static Frame refreshing(Frame frame, List<TagRow> rows) {
        return rows.stream().anyMatch(r -> r.analysis().analysing()) ? frame.refreshingEvery(5) : frame;
    }

    private static int parsePage(String text) {
        try {
            return text == null ? 1 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
