package io.spyglass.server.hub;

import io.spyglass.server.store.Database;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Every rights decision, in one place.
 * <ul>
 *   <li>pull: the repository is public, or the caller is a member of its namespace;</li>
 *   <li>push and delete: the caller is a member (owner, admin or member) of the namespace; pushing
 *       to a repository that does not exist yet creates it;</li>
 *   <li>settings and creating repositories: owner or admin of the namespace;</li>
 *   <li>members of an organisation: its owners;</li>
 *   <li>plans and other users: site admins.</li>
 * </ul>
 * A user owns their own namespace. A personal access token caps the rights by its scope. A
 * repository the caller may not pull gets no actions at all, exactly like one that does not exist.
 */
public final class Permissions {
    private final Database db;

    public Permissions(Database db) {
        this.db = db;
    }

    /** The caller's role in a namespace, or empty for non-members and anonymous callers. */
    public Optional<Role> role(Caller caller, String namespace) {
        if (caller.anonymous()) return Optional.empty();
        if (caller.user().name().equals(namespace)) return Optional.of(Role.OWNER);
        return db.withHandle(h -> h.createQuery("SELECT m.role FROM org_members m JOIN organizations o ON o.id = m.org_id "
                        + "WHERE o.name = :ns AND m.user_id = :user")
                .bind("ns", namespace).bind("user", caller.user().id())
                .mapTo(String.class).findOne().map(Role::parse));
    }

    /** What the caller may do to {@code namespace/name} (which may not exist yet). */
    public Set<Action> actions(Caller caller, String namespace, String name, Optional<Repository> repo) {
        Set<Action> granted = EnumSet.noneOf(Action.class);
        Optional<Role> role = role(caller, namespace);
        if (role.isPresent()) {
            granted.addAll(EnumSet.allOf(Action.class));
        } else if (repo.isPresent() && !repo.get().isPrivate()) {
            granted.add(Action.PULL);
        }
        if (caller.tokenScope() != null) granted.retainAll(caller.tokenScope().allows());
        return granted;
    }

    public Set<Action> actions(Caller caller, String namespace, String name) {
        return actions(caller, namespace, name, new Repositories(db, false).find(namespace, name));
    }

    public boolean canPull(Caller caller, Repository repo) {
        return actions(caller, repo.namespace(), repo.name(), Optional.of(repo)).contains(Action.PULL);
    }

    /**
     * The pull rule above as a SQL condition on a repository aliased {@code r}, for queries that
     * must not even count what the caller cannot pull; bind it with {@link #bindPullable}.
     * Every token scope allows pull, so a token caller is treated as its user.
     */
    public static final String PULLABLE_SQL = "(r.private = FALSE OR r.namespace = :pull_user OR r.namespace IN "
            + "(SELECT o.name FROM organizations o JOIN org_members m ON m.org_id = o.id WHERE m.user_id = :pull_user_id))";

    /** Binds {@link #PULLABLE_SQL}'s parameters; an anonymous caller matches public repositories only. */
    public static <S extends SqlStatement<S>> S bindPullable(S statement, Caller caller) {
        return statement.bind("pull_user", caller.anonymous() ? null : caller.user().name())
                .bind("pull_user_id", caller.anonymous() ? null : caller.user().id());
    }

    /** Owner or admin, and (with a token) an admin-scoped token. */
    public boolean canChangeSettings(Caller caller, Repository repo) {
        if (caller.tokenScope() != null && !caller.tokenScope().allowsSettings()) return false;
        return role(caller, repo.namespace()).map(Role::administers).orElse(false);
    }

    /**
     * Why {@link #canChangeSettings} said no, for the 403's message ({@code what}: "change image
     * insight settings", …). An owner whose token's scope is too narrow is told about the token,
     * not that they are not an owner.
     */
    public String settingsRefusal(Caller caller, Repository repo, String what) {
        boolean administers = role(caller, repo.namespace()).map(Role::administers).orElse(false);
        if (administers && caller.tokenScope() != null && !caller.tokenScope().allowsSettings()) {
            return "this access token's scope is " + caller.tokenScope().wire() + "; to " + what
                    + " use a token with scope admin, or the password";
        }
        return "only owners and admins of '" + repo.namespace() + "' " + what;
    }

    /** Owner or admin of {@code namespace} (with a token: an admin-scoped one): may create repositories there. */
    public boolean canAdminister(Caller caller, String namespace) {
        if (caller.tokenScope() != null && !caller.tokenScope().allowsSettings()) return false;
        return role(caller, namespace).map(Role::administers).orElse(false);
    }

    /** Owner of the organisation (with a token: an admin-scoped one): may add, change and remove members. */
    public boolean canManageMembers(Caller caller, String org) {
        if (caller.tokenScope() != null && !caller.tokenScope().allowsSettings()) return false;
        return role(caller, org).orElse(null) == Role.OWNER;
    }

    /** A site admin (with a token: an admin-scoped one). */
    public boolean isSiteAdmin(Caller caller) {
        if (caller.anonymous() || (caller.tokenScope() != null && !caller.tokenScope().allowsSettings())) return false;
        return db.withHandle(h -> h.createQuery("SELECT site_admin FROM users WHERE id = :id").bind("id", caller.user().id())
                .mapTo(Boolean.class).findOne().orElse(false));
    }
}
