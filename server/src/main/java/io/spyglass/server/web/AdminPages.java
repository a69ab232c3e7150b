package io.spyglass.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.HubException;
import io.spyglass.server.hub.Plan;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * {@code /admin}, for site admins: users (promote, demote, delete) and organisations (change the
 * plan). Everyone else gets the 404 page, so the page does not tell that it exists. The actions are
 * the hub's ({@code SelfService}), with the same refusals as {@code spyglass admin}.
 */
final class AdminPages {
    private final Hub hub;
    private final Templates templates;
    private final Frames frames;

    AdminPages(Hub hub, Templates templates, Frames frames) {
        this.hub = hub;
        this.templates = templates;
        this.frames = frames;
    }

    void register(Javalin app) {
        app.get("/admin", ctx -> show(ctx, adminCaller(ctx), null, ctx.queryParam("done"), 200));
        app.post("/admin/users/{user}", this::changeUser);
        app.post("/admin/orgs/{org}/plan", this::changePlan);
    }

    private void changeUser(Context ctx) {
        Caller caller = adminCaller(ctx);
        String user = ctx.pathParam("user");
        String action = String.valueOf(ctx.formParam("action"));
        try {
            switch (action) {
                case "promote" -> hub.selfService().setSiteAdmin(caller, user, true);
                case "demote" -> hub.selfService().setSiteAdmin(caller, user, false);
                case "delete" -> hub.selfService().deleteUser(caller, user);
                default -> {
                    show(ctx, caller, "Choose to promote, demote or delete " + user + ".", null, 400);
                    return;
                }
            }
        } catch (HubException e) {
            show(ctx, caller, CreationPages.sentence(e.getMessage()), null, CreationPages.status(e));
            return;
        }
        io.spyglass.server.audit.AuditLog.record(ctx, caller, "delete".equals(action) ? "user.delete" : "user.site-admin", user, true, "delete".equals(action) ? null : action + "d");
        String done = switch (action) {
            case "promote" -> user + " is now a site admin";
            case "demote" -> user + " is no longer a site admin";
            default -> "Deleted " + user;
        };
        ctx.redirect("/admin?done=" + java.net.URLEncoder.encode(done, java.nio.charset.StandardCharsets.UTF_8));
    }

    private void changePlan(Context ctx) {
        Caller caller = adminCaller(ctx);
        String org = ctx.pathParam("org");
        try {
            Plan plan = Plan.parse(ctx.formParam("plan"));
            hub.selfService().setPlan(caller, org, plan);
            io.spyglass.server.audit.AuditLog.record(ctx, caller, "org.plan", org, true, "plan " + plan.wire());
            ctx.redirect("/admin?done=" + java.net.URLEncoder.encode(org + " is on the " + plan.wire() + " plan",
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (HubException e) {
            show(ctx, caller, CreationPages.sentence(e.getMessage()), null, CreationPages.status(e));
        }
    }

    private void show(Context ctx, Caller caller, String error, String message, int status) {
        Instant now = Instant.now();
        var users = hub.selfService().users(caller).stream()
                .map(a -> new AdminView.User(a.name(), Formats.ago(a.createdAt(), now), a.siteAdmin(),
                        a.orgs().stream().map(m -> m.org() + " (" + m.role().wire() + ")").collect(Collectors.joining(", "))))
                .toList();
        var orgs = hub.selfService().organizations(caller).stream()
                .map(o -> new AdminView.Org(o.name(), o.plan().wire(), o.members(), o.repositories(), Formats.ago(o.createdAt(), now)))
                .toList();
        ctx.status(status);
        templates.page(ctx, "admin.jte", new AdminView(frames.of(ctx, "Site administration"), users, orgs, error, message));
    }

    /** The signed-in site admin; anyone else sees "not found". */
    private Caller adminCaller(Context ctx) {
        Caller caller = Viewers.caller(ctx);
        if (!hub.permissions().isSiteAdmin(caller)) throw PageException.notFound();
        return caller;
    }
}
