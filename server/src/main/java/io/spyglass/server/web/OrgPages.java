package io.spyglass.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.HubException;
import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Organizations.Member;
import io.spyglass.server.hub.Role;
import io.spyglass.server.hub.User;
import java.util.List;
import java.util.Optional;

/**
 * An organisation's page: plan, repositories by worst findings, and members. Members are listed to
 * members only; owners add and remove members and change roles.
 */
final class OrgPages {
    private final Hub hub;
    private final RepoSummaries summaries;
    private final Templates templates;
    private final Frames frames;

    OrgPages(Hub hub, RepoSummaries summaries, Templates templates, Frames frames) {
        this.hub = hub;
        this.summaries = summaries;
        this.templates = templates;
        this.frames = frames;
    }

    void register(Javalin app) {
        app.get("/orgs/{org}", ctx -> show(ctx, null, ctx.queryParam("done"), 200));
        app.post("/orgs/{org}/members", this::addMember);
        app.post("/orgs/{org}/members/{user}", this::changeMember);
    }

    private void show(Context ctx, String error, String message, int status) {
        Organization org = hub.organizations().find(ctx.pathParam("org")).orElseThrow(PageException::notFound);
        Caller caller = Viewers.caller(ctx);
        Optional<Role> role = hub.permissions().role(caller, org.name());
        List<MemberRow> members = role.isEmpty() ? List.of() : hub.organizations().members(org).stream()
                .map(m -> new MemberRow(m.user(), m.role().wire())).toList();
        ctx.status(status);
        templates.page(ctx, "org.jte", new OrgView(frames.of(ctx, org.name()), org.name(), org.plan().wire(),
                role.orElse(null) == Role.OWNER, hub.permissions().canAdminister(caller, org.name()), members,
                summaries.rows(caller, hub.repositories().inNamespace(org.name())), error, message));
    }

    private void addMember(Context ctx) {
        Organization org = ownedOrg(ctx);
        String username = ctx.formParam("username") == null ? "" : ctx.formParam("username").strip();
        Optional<User> user = hub.users().find(username);
        if (user.isEmpty()) {
            show(ctx, "There is no user named '" + username + "'.", null, 400);
            return;
        }
        if (isMember(org, username)) {
            show(ctx, username + " is already a member; change their role in the list.", null, 400);
            return;
        }
        Optional<Role> role = parseRole(ctx.formParam("role"));
        if (role.isEmpty()) {
            show(ctx, "Choose a role: owner, admin or member.", null, 400);
            return;
        }
        try {
            hub.selfService().addMember(Viewers.caller(ctx), org, username, role.get());
        } catch (HubException e) {
            show(ctx, CreationPages.sentence(e.getMessage()), null, CreationPages.status(e));
            return;
        }
        io.spyglass.server.audit.AuditLog.record(ctx, Viewers.caller(ctx), "org.member.add", org.name() + "/" + username, true, "role " + role.get().wire());
        ctx.redirect("/orgs/" + org.name() + "?done=Added+" + username);
    }

    private void changeMember(Context ctx) {
        Organization org = ownedOrg(ctx);
        String username = ctx.pathParam("user");
        User user = hub.users().find(username).filter(u -> isMember(org, username)).orElseThrow(PageException::notFound);
        boolean remove = "remove".equals(ctx.formParam("action"));
        Optional<Role> role = parseRole(ctx.formParam("role"));
        if (!remove && role.isEmpty()) {
            show(ctx, "Choose a role: owner, admin or member.", null, 400);
            return;
        }
        if (lastOwner(org, username) && (remove || role.get() != Role.OWNER)) {
            show(ctx, username + " is the last owner of " + org.name() + "; make someone else an owner first.", null, 400);
            return;
        }
        try {
            if (remove) {
                hub.selfService().removeMember(Viewers.caller(ctx), org, user.name());
            } else {
                hub.selfService().changeRole(Viewers.caller(ctx), org, user.name(), role.get());
            }
        } catch (HubException e) {
            show(ctx, CreationPages.sentence(e.getMessage()), null, CreationPages.status(e));
            return;
        }
        io.spyglass.server.audit.AuditLog.record(ctx, Viewers.caller(ctx), remove ? "org.member.remove" : "org.member.role", org.name() + "/" + username, true,
                remove ? null : "role " + role.get().wire());
        ctx.redirect("/orgs/" + org.name() + "?done=" + (remove ? "Removed+" : "Changed+the+role+of+") + username);
    }

    private Organization ownedOrg(Context ctx) {
        Organization org = hub.organizations().find(ctx.pathParam("org")).orElseThrow(PageException::notFound);
        if (!hub.permissions().canManageMembers(Viewers.caller(ctx), org.name())) {
            throw PageException.forbidden("Only owners of " + org.name() + " can manage its members.");
        }
        return org;
    }

    private boolean isMember(Organization org, String username) {
        return hub.organizations().members(org).stream().anyMatch(m -> m.user().equals(username));
    }

    private boolean lastOwner(Organization org, String username) {
        List<Member> owners = hub.organizations().members(org).stream().filter(m -> m.role() == Role.OWNER).toList();
        return owners.size() == 1 && owners.get(0).user().equals(username);
    }

    private static Optional<Role> parseRole(String text) {
        try {
            return Optional.of(Role.parse(text));
        } catch (HubException e) {
            return Optional.empty();
        }
    }
}
