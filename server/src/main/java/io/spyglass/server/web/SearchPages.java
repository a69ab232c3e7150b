package io.spyglass.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.server.analysis.report.Reports;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.Directory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The search box: an exact vulnerability id (any alias) goes straight to its page; otherwise ids
 * that start with the text, packages whose name contains it (in the advisory data, and in images
 * the viewer may pull), and repositories whose name contains it, only those the viewer may pull.
 */
final class SearchPages {
    private static final int MAX = 50;
    private static final int MAX_QUERY = 200;

    private final Hub hub;
    private final Directory directory;
    private final Supplier<AdvisoryIndex> index;
    private final RepoSummaries summaries;
    private final Reports reports;
    private final Templates templates;
    private final Frames frames;

    SearchPages(Hub hub, Directory directory, Supplier<AdvisoryIndex> index, RepoSummaries summaries, Reports reports,
                Templates templates, Frames frames) {
        this.hub = hub;
        this.directory = directory;
        this.index = index;
        this.summaries = summaries;
        this.reports = reports;
        this.templates = templates;
        this.frames = frames;
    }

    void register(Javalin app) {
        app.get("/search", this::search);
    }

    /** Ids and aliases that start with the text, any case, sorted; at most {@link #MAX}. */
    private static List<String> idsStartingWith(AdvisoryIndex advisories, String prefix) {
        String p = prefix.toUpperCase(Locale.ROOT);
        return advisories.vulnerabilities().stream()
                .flatMap(v -> Stream.concat(Stream.of(v.id()), v.aliases().stream()))
                .filter(id -> id.toUpperCase(Locale.ROOT).startsWith(p)).distinct().sorted().limit(MAX).toList();
    }

    private void search(Context ctx) {
        String q = Optional.ofNullable(ctx.queryParam("q")).map(String::strip).orElse("");
        if (q.length() > MAX_QUERY) {
            ctx.status(400);
            templates.page(ctx, "search.jte", new SearchView(frames.of(ctx, "Search"), q.substring(0, MAX_QUERY),
                    "The search text is " + q.length() + " characters long; at most " + MAX_QUERY + " are searched.",
                    List.of(), List.of(), List.of(), List.of()));
            return;
        }
        AdvisoryIndex advisories = index.get();
        if (!q.isEmpty() && VulnerabilityViews.find(advisories, q).isPresent()) {
            ctx.redirect("/vulnerabilities/" + URLEncoder.encode(q, StandardCharsets.UTF_8));
            return;
        }
        Caller caller = Viewers.caller(ctx);
        List<String> ids = q.length() < 3 ? List.of() : idsStartingWith(advisories, q);
        boolean packages = q.length() >= 2;
        List<Repository> repos = q.isEmpty() ? List.of() : directory.repositoriesMatching(q, 4 * MAX).stream()
                .map(id -> hub.repositories().findById(id)).flatMap(Optional::stream).toList();
        List<RepoSummaryRow> visible = summaries.rows(caller, repos);
        templates.page(ctx, "search.jte", new SearchView(frames.of(ctx, q.isEmpty() ? "Search" : "Search: " + q), q, null, ids,
                packages ? PackageSearch.advisories(advisories, q) : List.of(),
                packages ? PackageSearch.images(reports, caller, q) : List.of(),
                visible.subList(0, Math.min(MAX, visible.size()))));
    }
}
