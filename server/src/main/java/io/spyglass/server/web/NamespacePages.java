package io.spyglass.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.hub.User;
import io.spyglass.server.store.Directory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The home page and a user's page: lists of repositories the viewer may pull. */
final class NamespacePages {
    private static final int PUBLIC_ON_HOME = 50;

    private final Hub hub;
    private final Directory directory;
    private final RepoSummaries summaries;
    private final Templates templates;
    private final Frames frames;

    NamespacePages(Hub hub, Directory directory, RepoSummaries summaries, Templates templates, Frames frames) {
        this.hub = hub;
        this.directory = directory;
        this.summaries = summaries;
        this.templates = templates;
        this.frames = frames;
    }

    void register(Javalin app) {
        app.get("/", this::home);
        app.get("/u/{name}", this::user);
    }

    private void home(Context ctx) {
        Caller caller = Viewers.caller(ctx);
        Optional<User> viewer = Viewers.of(ctx);
        List<Repository> mine = new ArrayList<>();
        List<String> orgs = List.of();
        if (viewer.isPresent()) {
            orgs = directory.organisationsOf(viewer.get().id());
            mine.addAll(hub.repositories().inNamespace(viewer.get().name()));
            orgs.forEach(org -> mine.addAll(hub.repositories().inNamespace(org)));
        }
        List<String> namespaces = new ArrayList<>(orgs);
        viewer.ifPresent(v -> namespaces.add(v.name()));
        List<Repository> others = new ArrayList<>();
        directory.publicRepositories(PUBLIC_ON_HOME).forEach(id -> hub.repositories().findById(id)
                .filter(r -> !namespaces.contains(r.namespace())).ifPresent(others::add));
        templates.page(ctx, "home.jte", new HomeView(frames.of(ctx, "Home"), summaries.rows(caller, mine),
                summaries.rows(caller, others), orgs, hub.permissions().isSiteAdmin(caller)));
    }

    private void user(Context ctx) {
        String name = ctx.pathParam("name");
        if (hub.organizations().find(name).isPresent()) {
            ctx.redirect("/orgs/" + name);
            return;
        }
        User user = hub.users().find(name).orElseThrow(PageException::notFound);
        templates.page(ctx, "namespace.jte", new NamespaceView(frames.of(ctx, user.name()), user.name(),
                summaries.rows(Viewers.caller(ctx), hub.repositories().inNamespace(user.name()))));
    }
}
