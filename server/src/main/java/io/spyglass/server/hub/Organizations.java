package io.spyglass.server.hub;

import io.spyglass.server.store.Database;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Organisations, their plan and their members. */
public final class Organizations {
    private final Database db;

    public Organizations(Database db) {
        this.db = db;
    }

    public record Member(String user, Role role) {}

    /** A user's place in an organisation. */
    public record Membership(String org, Role role) {}

    /** The organisations a user belongs to, by name. */
    static List<Membership> memberships(Handle h, long userId) {
        return h.createQuery("SELECT o.name, m.role FROM org_members m JOIN organizations o ON o.id = m.org_id "
                        + "WHERE m.user_id = :user ORDER BY o.name")
                .bind("user", userId)
                .map((rs, ctx) -> new Membership(rs.getString("name"), Role.parse(rs.getString("role"))))
                .list();
    }

    public Organization create(String name, Plan plan, User owner) {
        Names.namespace(name);
        return db.inTransaction(h -> {
            Namespaces.claim(h, name, "org");
            long id = Database.nextId(h, "organizations");
            h.createUpdate("INSERT INTO organizations (id, name, plan, created_at) VALUES (:id, :name, :plan, :now)")
                    .bind("id", id).bind("name", name).bind("plan", plan.wire()).bind("now", Database.now()).execute();
            putMember(h, id, owner, Role.OWNER);
            return new Organization(id, name, plan);
        });
    }

    public Optional<Organization> find(String name) {
        return db.withHandle(h -> h.createQuery("SELECT id, name, plan FROM organizations WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> new Organization(rs.getLong("id"), rs.getString("name"), Plan.parse(rs.getString("plan"))))
                .findOne());
    }

    public Organization require(String name) {
        return find(name).orElseThrow(() -> HubException.notFound("no organisation named '" + name + "'"));
    }

    /** Adds a member or changes their role; the last owner can't be made anything else. */
    public void addMember(Organization org, User user, Role role) {
        db.inTransaction(h -> {
            putMember(h, org.id(), user, role);
            requireOwner(h, org);
            return null;
        });
    }

    public void removeMember(Organization org, User user) {
        db.inTransaction(h -> {
            h.createUpdate("DELETE FROM org_members WHERE org_id = :org AND user_id = :user")
                    .bind("org", org.id()).bind("user", user.id()).execute();
            requireOwner(h, org);
            return null;
        });
    }

    private static void requireOwner(Handle h, Organization org) {
        long owners = h.createQuery("SELECT COUNT(*) FROM org_members WHERE org_id = :org AND role = 'owner'")
                .bind("org", org.id()).mapTo(Long.class).one();
        if (owners == 0) {
            throw HubException.invalid("'" + org.name() + "' would be left without an owner; make another member owner first");
        }
    }

    public Organization setPlan(Organization org, Plan plan) {
        db.withHandle(h -> h.createUpdate("UPDATE organizations SET plan = :plan WHERE id = :id")
                .bind("plan", plan.wire()).bind("id", org.id()).execute());
        return new Organization(org.id(), org.name(), plan);
    }

    /** An organisation as the site admin's list shows it. */
    public record Summary(String name, Plan plan, int members, int repositories, long createdAt) {}

    public List<Summary> list() {
        return db.withHandle(h -> h.createQuery("SELECT o.name, o.plan, o.created_at, "
                        + "(SELECT COUNT(*) FROM org_members m WHERE m.org_id = o.id) AS members, "
                        + "(SELECT COUNT(*) FROM repositories r WHERE r.namespace = o.name) AS repos "
                        + "FROM organizations o ORDER BY o.name")
                .map((rs, ctx) -> new Summary(rs.getString("name"), Plan.parse(rs.getString("plan")), rs.getInt("members"),
                        rs.getInt("repos"), rs.getLong("created_at")))
                .list());
    }

    public List<Member> members(Organization org) {
        return db.withHandle(h -> h.createQuery("SELECT u.name, m.role FROM org_members m JOIN users u ON u.id = m.user_id "
                        + "WHERE m.org_id = :org ORDER BY u.name")
                .bind("org", org.id())
                .map((rs, ctx) -> new Member(rs.getString("name"), Role.parse(rs.getString("role"))))
                .list());
    }

    private static void putMember(Handle h, long orgId, User user, Role role) {
        h.createUpdate("INSERT INTO org_members (org_id, user_id, role, created_at) VALUES (:org, :user, :role, :now) "
                        + "ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role")
                .bind("org", orgId).bind("user", user.id()).bind("role", role.wire()).bind("now", Database.now()).execute();
    }
}
