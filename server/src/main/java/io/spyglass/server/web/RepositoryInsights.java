package io.spyglass.server.web;

import io.javalin.http.Context;
import io.spyglass.server.analysis.report.Comparison;
import io.spyglass.server.analysis.report.Reports;
import io.spyglass.server.analysis.report.SeverityTrend;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.TagListing;
import java.util.List;
import java.util.Optional;

/**
 * A repository's trend chart ({@code /-/trends.svg}) and its compare page ({@code /-/compare?from=&to=}).
 * The repository has already been checked as one the viewer may pull (else the same 404 as a missing one).
 */
final class RepositoryInsights {
    static final int COMPARE_TAGS = 200;

    private final Reports reports;
    private final TagListing tags;
    private final Templates templates;
    private final Frames frames;

    /** @param reports the analysis part's reports, or null when this server runs no analysis */
    RepositoryInsights(Reports reports, TagListing tags, Templates templates, Frames frames) {
        this.reports = reports;
        this.tags = tags;
        this.templates = templates;
        this.frames = frames;
    }

    /** The chart's address, or null when there is nothing to chart (no analysis). */
    String trendUrl(Repository repo) {
        return reports == null || repo.imageInsight().equals("none") ? null : RepositoryPages.url(repo) + "/-/trends.svg";
    }

    void trend(Context ctx, Repository repo) {
        if (trendUrl(repo) == null) throw PageException.notFound();
        SeverityTrend trend = reports.trend(repo);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("image/svg+xml; charset=utf-8").result(TrendSvg.render(trend));
    }

    void compare(Context ctx, Repository repo, RepoHeader header) {
        List<String> names = tags.tags(repo.id(), TagListing.Order.PUSHED, 0, COMPARE_TAGS).stream().map(TagListing.TagInfo::name).toList();
        String from = blankToNull(ctx.queryParam("from"));
        String to = blankToNull(ctx.queryParam("to"));
        Comparison comparison = null;
        String problem = null;
        if (reports == null) {
            problem = "This server runs no image analysis.";
        } else if (from != null && to != null) {
            try {
                Optional<Comparison> found = reports.compare(Viewers.caller(ctx), repo.namespace(), repo.name(), from, to,
                        blankToNull(ctx.queryParam("platform")));
                if (found.isEmpty()) {
                    problem = "No tag " + (names.contains(from) ? to : from) + " in " + repo.fullName() + ".";
                    ctx.status(404);
                } else {
                    comparison = found.get();
                }
            } catch (Comparison.NotReady e) {
                problem = e.getMessage() + ".";
                ctx.status(409);
            }
        }
        String title = comparison == null ? "Compare tags · " + repo.fullName() : from + " → " + to + " · " + repo.fullName();
        templates.page(ctx, "compare.jte", new CompareView(frames.of(ctx, title), header, names, from, to, comparison, problem));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
