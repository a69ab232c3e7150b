package io.spyglass.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.spyglass.server.analysis.ImageInsight;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.HubException;
import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.hub.User;
import io.spyglass.server.store.Directory;
import java.util.ArrayList;
import java.util.List;

/**
 * Self-service creation: a signed-in user creates an organisation (free plan, they own it), and
 * owners and admins create a repository with its description, visibility and image insight. The
 * rules are the hub's ({@code SelfService}, {@code ImageInsight}); a refusal shows the form again
 * with what was typed and the reason.
 */
final class CreationPages {
    private final Hub hub;
    private final Directory directory;
    private final ImageInsight imageInsight;
    private final Templates templates;
    private final Frames frames;

    /** @param imageInsight the analysis part's setting changer, or null when the server runs no analysis */
    CreationPages(Hub hub, Directory directory, ImageInsight imageInsight, Templates templates, Frames frames) {
        this.hub = hub;
        this.directory = directory;
        this.imageInsight = imageInsight;
        this.templates = templates;
        this.frames = frames;
    }

    void register(Javalin app) {
        app.get("/organizations/new", ctx -> {
            if (signedIn(ctx)) templates.page(ctx, "newOrg.jte", new NewOrgView(frames.of(ctx, "New organisation"), "", null));
        });
        app.post("/organizations/new", this::createOrg);
        app.get("/repositories/new", ctx -> {
            if (signedIn(ctx)) {
                showRepoForm(ctx, new NewRepoView(frames.of(ctx, "New repository"), namespaces(ctx), ctx.queryParam("namespace"),
                        "", "", false, "none", null));
            }
        });
        app.post("/repositories/new", this::createRepo);
    }

    private void createOrg(Context ctx) {
        Caller caller = Caller.password(Viewers.require(ctx));
        String name = trimmed(ctx.formParam("name"));
        try {
            Organization org = hub.selfService().createOrganization(caller, name);
            io.spyglass.server.audit.AuditLog.record(ctx, caller, "org.create", org.name(), true, null);
            ctx.redirect("/orgs/" + org.name() + "?done=Created+" + org.name());
        } catch (HubException e) {
            ctx.status(status(e));
            templates.page(ctx, "newOrg.jte", new NewOrgView(frames.of(ctx, "New organisation"), name, sentence(e.getMessage())));
        }
    }

    private void createRepo(Context ctx) {
        Caller caller = Caller.password(Viewers.require(ctx));
        String namespace = trimmed(ctx.formParam("namespace"));
        String name = trimmed(ctx.formParam("name"));
        String description = trimmed(ctx.formParam("description"));
        String visibility = ctx.formParam("visibility");
        String insight = ctx.formParam("image_insight");
        boolean isPrivate = "private".equals(visibility);
        NewRepoView typed = new NewRepoView(frames.of(ctx, "New repository"), namespaces(ctx), namespace, name, description,
                isPrivate, insight, null);
        String error = null;
        int status = 400;
        if (!"private".equals(visibility) && !"public".equals(visibility)) {
            error = "Choose whether the repository is public or private.";
        } else if (insight == null || !NewRepoView.INSIGHT.contains(insight)) {
            error = "Choose one of the image insight settings: advanced, basic or none.";
        } else {
            try {
                Repository repo = create(caller, namespace, name, isPrivate, description, insight);
                ctx.redirect(RepositoryPages.url(repo));
                return;
            } catch (ImageInsight.Refused e) {
                error = sentence(e.getMessage());
                status = e.status() == 409 ? 400 : e.status();
            } catch (HubException e) {
                error = sentence(e.getMessage());
                status = status(e);
            }
        }
        ctx.status(status);
        showRepoForm(ctx, new NewRepoView(typed.frame(), typed.namespaces(), namespace, name, description, isPrivate, insight, error));
    }

    /**
     * The image insight choice is checked first (rights and plan, exactly as the Settings tab and the
     * API check it), so a refused choice creates nothing.
     */
    private Repository create(Caller caller, String namespace, String name, boolean isPrivate, String description, String insight) {
        boolean analysed = !"none".equals(insight);
        if (analysed && imageInsight != null) {
            imageInsight.check(caller, new Repository(0, namespace, name, isPrivate, description, "none"), insight);
        }
        Repository repo = hub.selfService().createRepository(caller, namespace, name, isPrivate, description);
        if (!analysed) return repo;
        return imageInsight != null ? imageInsight.change(caller, repo, insight) : hub.repositories().update(repo, null, null, insight);
    }

    private void showRepoForm(Context ctx, NewRepoView view) {
        templates.page(ctx, "newRepo.jte", view);
    }

    /** The viewer's own namespace and the organisations where they are owner or admin. */
    private List<String> namespaces(Context ctx) {
        User user = Viewers.require(ctx);
        Caller caller = Caller.password(user);
        List<String> out = new ArrayList<>();
        out.add(user.name());
        directory.organisationsOf(user.id()).stream().filter(org -> hub.permissions().canAdminister(caller, org)).forEach(out::add);
        return out;
    }

    private static boolean signedIn(Context ctx) {
        if (Viewers.of(ctx).isPresent()) return true;
        ctx.redirect("/signin?next=" + ctx.path());
        return false;
    }

    static int status(HubException e) {
        return switch (e.kind()) {
            case FORBIDDEN -> 403;
            case NOT_FOUND, INVALID -> 400;
            case CONFLICT -> 409;
        };
    }

    /** A hub message as a sentence on a page. */
    static String sentence(String message) {
        if (message == null || message.isEmpty()) return "";
        String s = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }
}
