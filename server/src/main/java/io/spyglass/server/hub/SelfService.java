package io.spyglass.server.hub;

import java.util.List;

/**
 * What people do for themselves on the web pages and through the JSON API, and what site admins do
 * there: create organisations and repositories, manage members, change plans and users. Each
 * action checks the caller with {@link Permissions} and then makes the same hub call the admin CLI
 * makes, so names, plan limits and the last-owner rule are enforced in one place. A refusal is a
 * {@link HubException} ({@code FORBIDDEN} when the caller may not, the usual kinds otherwise).
 */
public final class SelfService {
    private static final int MAX_DESCRIPTION = 4000;

    private final Hub hub;

    SelfService(Hub hub) {
        this.hub = hub;
    }

    /** A new organisation on the free plan, owned by the caller (a site admin may change the plan later). */
    public Organization createOrganization(Caller caller, String name) {
        if (caller.anonymous()) throw HubException.forbidden("sign in to create an organisation");
        requireAdminToken(caller, "create organisations");
        return hub.organizations().create(name, Plan.FREE, caller.user());
    }

    /** A new repository in {@code namespace}; owners and admins of it only. {@code isPrivate} null: the server default. */
    public Repository createRepository(Caller caller, String namespace, String name, Boolean isPrivate, String description) {
        if (namespace == null || namespace.isBlank()) throw HubException.invalid("choose the namespace of the repository");
        if (!hub.permissions().canAdminister(caller, namespace)) {
            if (hub.permissions().role(caller, namespace).map(Role::administers).orElse(false)) {
                requireAdminToken(caller, "create repositories");
            }
            throw HubException.forbidden("only owners and admins of '" + namespace + "' can create repositories there");
        }
        String text = description == null ? "" : description.strip();
        if (text.length() > MAX_DESCRIPTION) {
            throw HubException.invalid("the description is " + text.length() + " characters long; at most " + MAX_DESCRIPTION + " fit");
        }
        Repository created = hub.repositories().create(namespace, name, isPrivate);
        return text.isEmpty() ? created : hub.repositories().update(created, null, text, null);
    }

    public List<Organizations.Member> members(Caller caller, Organization org) {
        if (hub.permissions().role(caller, org.name()).isEmpty()) throw HubException.notFound("no organisation named '" + org.name() + "'");
        return hub.organizations().members(org);
    }

    /** Adds an existing user with a role; refused for someone already a member (change their role instead). */
    public void addMember(Caller caller, Organization org, String username, Role role) {
        requireOwner(caller, org);
        User user = hub.users().find(username == null ? "" : username.strip())
                .orElseThrow(() -> HubException.notFound("there is no user named '" + username + "'"));
        if (isMember(org, user.name())) {
            throw HubException.conflict(user.name() + " is already a member of " + org.name() + "; change their role instead");
        }
        hub.organizations().addMember(org, user, role);
    }

    /** Changes a member's role; the last owner stays owner. */
    public void changeRole(Caller caller, Organization org, String username, Role role) {
        requireOwner(caller, org);
        hub.organizations().addMember(org, member(org, username), role);
    }

    /** Removes a member; the last owner can't be removed. */
    public void removeMember(Caller caller, Organization org, String username) {
        requireOwner(caller, org);
        hub.organizations().removeMember(org, member(org, username));
    }

    public List<Users.Account> users(Caller caller) {
        requireSiteAdmin(caller);
        return hub.users().list();
    }

    public List<Organizations.Summary> organizations(Caller caller) {
        requireSiteAdmin(caller);
        return hub.organizations().list();
    }

    public Organization setPlan(Caller caller, String org, Plan plan) {
        requireSiteAdmin(caller);
        return hub.organizations().setPlan(hub.organizations().require(org), plan);
    }

    /** Promotes or demotes a user; the last site admin stays one. */
    public void setSiteAdmin(Caller caller, String username, boolean admin) {
        requireSiteAdmin(caller);
        hub.siteAdmins().set(username, admin);
    }

    /** Deletes a user as {@code admin user delete} does, with the same refusals. */
    public void deleteUser(Caller caller, String username) {
        requireSiteAdmin(caller);
        hub.users().delete(username);
    }

    private void requireOwner(Caller caller, Organization org) {
        if (!hub.permissions().canManageMembers(caller, org.name())) {
            if (hub.permissions().role(caller, org.name()).orElse(null) == Role.OWNER) requireAdminToken(caller, "manage members");
            throw HubException.forbidden("only owners of '" + org.name() + "' can manage its members");
        }
    }

    private void requireSiteAdmin(Caller caller) {
        if (!hub.permissions().isSiteAdmin(caller)) {
            if (!caller.anonymous() && hub.siteAdmins().is(caller.user())) requireAdminToken(caller, "administer the site");
            throw HubException.forbidden("only site admins can do this");
        }
    }

    /** A token narrower than admin is told so, rather than that its owner lacks the right. */
    private static void requireAdminToken(Caller caller, String what) {
        if (caller.tokenScope() != null && !caller.tokenScope().allowsSettings()) {
            throw HubException.forbidden("this access token's scope is " + caller.tokenScope().wire() + "; to " + what
                    + " use a token with scope admin, or the password");
        }
    }

    private User member(Organization org, String username) {
        return hub.users().find(username).filter(u -> isMember(org, u.name()))
                .orElseThrow(() -> HubException.notFound(username + " is not a member of " + org.name()));
    }

    private boolean isMember(Organization org, String username) {
        return hub.organizations().members(org).stream().anyMatch(m -> m.user().equals(username));
    }
}
