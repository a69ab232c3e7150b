package io.spyglass.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.spyglass.server.analysis.ImageInsight;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.HubException;
import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.hub.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The self-service actions of the web pages, as JSON (Basic auth; a token needs scope admin):
 * <pre>
 * POST   /api/orgs                          {"name"}                       201, the caller owns it (free plan)
 * GET    /api/orgs/{org}/members                                           members only
 * POST   /api/orgs/{org}/members            {"username", "role"}           owners
 * PUT    /api/orgs/{org}/members/{user}     {"role"}                       owners; the last owner stays owner
 * DELETE /api/orgs/{org}/members/{user}                                    owners; not the last owner
 * POST   /api/repositories                  {"namespace", "name", "private", "description", "imageInsight"}
 * </pre>
 * Site admins' actions are in {@link AdminApi}. The rules are the hub's {@code SelfService}.
 */
public final class SelfServiceApi {
    private final Hub hub;
    private final ImageInsight insight;

    public SelfServiceApi(Hub hub, ImageInsight insight) {
        this.hub = hub;
        this.insight = insight;
    }

    public void register(Javalin app) {
        app.post("/api/orgs", ctx -> run(ctx, this::createOrg));
        app.get("/api/orgs/{org}/members", ctx -> run(ctx, this::members));
        app.post("/api/orgs/{org}/members", ctx -> run(ctx, this::addMember));
        app.put("/api/orgs/{org}/members/{user}", ctx -> run(ctx, this::changeRole));
        app.delete("/api/orgs/{org}/members/{user}", ctx -> run(ctx, this::removeMember));
        app.post("/api/repositories", ctx -> run(ctx, this::createRepository));
    }

    interface Action {
        void run(Context ctx, Caller caller);
    }

    private void run(Context ctx, Action action) {
        Caller caller = ApiRequests.signedIn(ctx, hub);
        if (caller == null) return;
        try {
            action.run(ctx, caller);
        } catch (HubException e) {
            ApiRequests.refused(ctx, e);
        } catch (ImageInsight.Refused e) {
            ApiRequests.error(ctx, e.status(), e.getMessage());
        }
    }

    private void createOrg(Context ctx, Caller caller) {
        JsonNode body = ApiRequests.body(ctx, Set.of("name"));
        Organization org = hub.selfService().createOrganization(caller, ApiRequests.requiredText(body, "name"));
        ctx.status(201).json(Map.of("name", org.name(), "plan", org.plan().wire()));
        io.spyglass.server.audit.AuditLog.record(ctx, caller, "org.create", org.name(), true, null);
    }

    private void members(Context ctx, Caller caller) {
        List<Map<String, String>> out = hub.selfService().members(caller, org(ctx)).stream()
                .map(m -> Map.of("user", m.user(), "role", m.role().wire())).toList();
        ctx.json(out);
    }

    private void addMember(Context ctx, Caller caller) {
        Organization org = org(ctx);
        JsonNode body = ApiRequests.body(ctx, Set.of("username", "role"));
        Role role = Role.parse(ApiRequests.text(body, "role", "member"));
        String user = ApiRequests.requiredText(body, "username");
        hub.selfService().addMember(caller, org, user, role);
        ctx.status(201).json(Map.of("user", user, "role", role.wire()));
        io.spyglass.server.audit.AuditLog.record(ctx, caller, "org.member.add", org.name() + "/" + user, true, "role " + role.wire());
    }

    private void changeRole(Context ctx, Caller caller) {
        Organization org = org(ctx);
        Role role = Role.parse(ApiRequests.requiredText(ApiRequests.body(ctx, Set.of("role")), "role"));
        hub.selfService().changeRole(caller, org, ctx.pathParam("user"), role);
        ctx.json(Map.of("user", ctx.pathParam("user"), "role", role.wire()));
        io.spyglass.server.audit.AuditLog.record(ctx, caller, "org.member.role", org.name() + "/" + ctx.pathParam("user"), true, "role " + role.wire());
    }

    private void removeMember(Context ctx, Caller caller) {
        hub.selfService().removeMember(caller, org(ctx), ctx.pathParam("user"));
        ctx.json(Map.of("removed", ctx.pathParam("user")));
        io.spyglass.server.audit.AuditLog.record(ctx, caller, "org.member.remove", ctx.pathParam("org") + "/" + ctx.pathParam("user"), true, null);
    }

    /** The image insight choice is checked first (rights and plan, as PUT …/settings checks it), so a refusal creates nothing. */
    private void createRepository(Context ctx, Caller caller) {
        JsonNode body = ApiRequests.body(ctx, Set.of("namespace", "name", "private", "description", "imageInsight"));
        String namespace = ApiRequests.requiredText(body, "namespace");
        String name = ApiRequests.requiredText(body, "name");
        Boolean isPrivate = body.hasNonNull("private") ? ApiRequests.bool(body, "private", false) : null;
        String description = ApiRequests.text(body, "description", "");
        String imageInsight = ApiRequests.text(body, "imageInsight", "none");
        boolean analysed = !"none".equals(imageInsight);
        if (analysed) insight.check(caller, new Repository(0, namespace, name, Boolean.TRUE.equals(isPrivate), description, "none"), imageInsight);
        Repository repo = hub.selfService().createRepository(caller, namespace, name, isPrivate, description);
        if (analysed) repo = insight.change(caller, repo, imageInsight);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespace", repo.namespace());
        m.put("name", repo.name());
        m.put("private", repo.isPrivate());
        m.put("description", repo.description());
        m.put("imageInsight", repo.imageInsight());
        ctx.status(201).json(m);
    }

    /** An organisation that does not exist answers 404 (organisations are listed publicly, so this tells nothing). */
    private Organization org(Context ctx) {
        return hub.organizations().require(ctx.pathParam("org"));
    }
}
