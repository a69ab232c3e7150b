package io.spyglass.server.web;

import io.javalin.Javalin;
import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.server.analysis.ImageInsight;
import io.spyglass.server.analysis.report.Reports;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.store.Database;
import io.spyglass.server.store.Directory;
import io.spyglass.server.store.SessionStore;
import io.spyglass.server.store.TagListing;
import io.spyglass.server.store.blob.BlobStore;
import java.util.function.Supplier;

/**
 * The Hub-style web pages: registers the page routes, the static files and the error pages on the
 * server's Javalin app. Handlers are thin: they ask the hub and analysis parts for data, build a
 * view record and hand it to a template; templates never touch SQL.
 */
public final class WebPages {
    private WebPages() {}

    /**
     * Options a person sets on {@code spyglass serve}, and where the vulnerability data comes from.
     *
     * @param advisories the node's current advisory index, for the vulnerability pages and search
     * @param reports the analysis part's stored results, or null when the server runs no analysis
     * @param insight the analysis part's image insight changer (it queues existing tags), or null likewise
     */
    public record Options(boolean signupOpen, Supplier<AdvisoryIndex> advisories, Reports reports, ImageInsight insight) {
        public Options {
            advisories = advisories == null ? AdvisoryIndex::empty : advisories;
        }

        public Options(boolean signupOpen, Supplier<AdvisoryIndex> advisories) {
            this(signupOpen, advisories, null, null);
        }

        public Options(boolean signupOpen) {
            this(signupOpen, null, null, null);
        }
    }

    public static void install(Javalin app, Options options, Database db, Hub hub, BlobStore blobs) {
        install(app, options, db, hub, blobs, io.spyglass.server.throttle.SignInThrottle.fromSystemProperties(),
                new io.spyglass.server.throttle.ClientAddress(java.util.List.of()));
    }

    /** As above, with sign-in and sign-up throttled by {@code throttle} per account and {@code clients}' address. */
    public static void install(Javalin app, Options options, Database db, Hub hub, BlobStore blobs,
                               io.spyglass.server.throttle.SignInThrottle throttle, io.spyglass.server.throttle.ClientAddress clients) {
        Templates templates = new Templates();
        Frames frames = new Frames(options.signupOpen());
        Sessions sessions = new Sessions(new SessionStore(db));
        TagListing tags = new TagListing(db);
        TagAnalyses analyses = new TagAnalyses(options.reports(), options.advisories());
        ImageFacts facts = new ImageFacts(blobs);
        RepoSummaries summaries = new RepoSummaries(hub, tags, analyses);
        Directory directory = new Directory(db);

        new StaticAssets().register(app);
        new ErrorPages(templates, frames).register(app);
        sessions.register(app);
        new AccountPages(hub, sessions, templates, frames, throttle, clients).register(app);
        new NamespacePages(hub, directory, summaries, templates, frames).register(app);
        new OrgPages(hub, summaries, templates, frames).register(app);
        new OrgPolicyPages(hub, options.reports(), templates, frames).register(app);
        new CreationPages(hub, directory, options.insight(), templates, frames).register(app);
        new AdminPages(hub, templates, frames).register(app);
        new AuditPages(hub, templates, frames).register(app);
        TagPages tagPages = new TagPages(tags, analyses, facts, templates, frames,
                new io.spyglass.server.analysis.attestation.Attestations(db));
        new VulnerabilityPages(options.advisories(), options.reports(), templates, frames).register(app);
        new SearchPages(hub, directory, options.advisories(), summaries, options.reports(), templates, frames).register(app);
        new RepositoryPages(hub, tags, analyses, facts, new RepoSettingsForm(hub, options.insight(), templates, frames,
                options.reports() == null ? null : options.reports().bases(), options.reports() == null ? null : options.reports().vex()), tagPages,
                new SbomDownloads(tags, facts, options.reports()),
                new RepositoryInsights(options.reports(), tags, templates, frames), templates, frames).register(app);
    }
}
