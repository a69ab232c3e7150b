package io.spyglass.server.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.spyglass.server.audit.AuditLog;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.HubException;
import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Plan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What site admins do on {@code /admin}, as JSON; everyone else gets 403:
 * <pre>
 * GET    /api/admin/users                                   name, createdAt, siteAdmin, orgs
 * PUT    /api/admin/users/{user}/site-admin  {"siteAdmin": true|false}   the last site admin stays one
 * DELETE /api/admin/users/{user}                            refused as {@code admin user delete} refuses
 * GET    /api/admin/orgs                                    name, plan, members, repositories
 * PUT    /api/admin/orgs/{org}/plan          {"plan": "free|pro|team|business"}
 * </pre>
 */
public final class AdminApi {
    private final Hub hub;

    public AdminApi(Hub hub) {
        this.hub = hub;
    }

    public void register(Javalin app) {
        app.get("/api/admin/users", ctx -> run(ctx, this::users));
        app.put("/api/admin/users/{user}/site-admin", ctx -> run(ctx, this::siteAdmin));
        app.delete("/api/admin/users/{user}", ctx -> run(ctx, this::deleteUser));
        app.get("/api/admin/orgs", ctx -> run(ctx, this::orgs));
        app.put("/api/admin/orgs/{org}/plan", ctx -> run(ctx, this::plan));
        app.get("/api/admin/audit", ctx -> run(ctx, this::audit));
    }

    private void run(Context ctx, SelfServiceApi.Action action) {
        Caller caller = ApiRequests.signedIn(ctx, hub);
        if (caller == null) return;
        try {
            action.run(ctx, caller);
        } catch (HubException e) {
            ApiRequests.refused(ctx, e);
        }
    }

    private void users(Context ctx, Caller caller) {
        ctx.json(hub.selfService().users(caller).stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            m.put("createdAt", a.createdAt());
            m.put("siteAdmin", a.siteAdmin());
            m.put("orgs", a.orgs().stream().map(o -> Map.of("org", o.org(), "role", o.role().wire())).toList());
            return m;
        }).toList());
    }

    private void siteAdmin(Context ctx, Caller caller) {
        boolean admin = ApiRequests.bool(ApiRequests.body(ctx, Set.of("siteAdmin")), "siteAdmin", true);
        hub.selfService().setSiteAdmin(caller, ctx.pathParam("user"), admin);
        ctx.json(Map.of("name", ctx.pathParam("user"), "siteAdmin", admin));
        AuditLog.record(ctx, caller, "user.site-admin", ctx.pathParam("user"), true, admin ? "promoted" : "demoted");
    }

    private void deleteUser(Context ctx, Caller caller) {
        hub.selfService().deleteUser(caller, ctx.pathParam("user"));
        ctx.json(Map.of("deleted", ctx.pathParam("user")));
        AuditLog.record(ctx, caller, "user.delete", ctx.pathParam("user"), true, null);
    }

    /** {@code GET /api/admin/audit?actor=&action=&since=&until=&before=&limit=}: the audit log, newest first. */
    private void audit(Context ctx, Caller caller) {
        if (!hub.permissions().isSiteAdmin(caller)) {
            ApiRequests.error(ctx, 404, "not found"); // the log's existence is no one else's business
            return;
        }
        ctx.json(AuditLog.of(ctx).orElseThrow().query(AuditFilters.of(ctx)).stream().map(AuditFilters::json).toList());
    }

    private void orgs(Context ctx, Caller caller) {
        ctx.json(hub.selfService().organizations(caller).stream().map(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", o.name());
            m.put("plan", o.plan().wire());
            m.put("members", o.members());
            m.put("repositories", o.repositories());
            m.put("createdAt", o.createdAt());
            return m;
        }).toList());
    }

    private void plan(Context ctx, Caller caller) {
        Plan plan = Plan.parse(ApiRequests.requiredText(ApiRequests.body(ctx, Set.of("plan")), "plan"));
        Organization org = hub.selfService().setPlan(caller, ctx.pathParam("org"), plan);
        ctx.json(Map.of("name", org.name(), "plan", org.plan().wire()));
        AuditLog.record(ctx, caller, "org.plan", org.name(), true, "plan " + plan.wire());
    }
}
