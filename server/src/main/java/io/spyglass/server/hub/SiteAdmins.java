package io.spyglass.server.hub;

import io.spyglass.server.store.Database;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Which users are site admins: they see {@code /admin}, change organisations' plans, and promote,
 * demote or delete users. The last one can be neither demoted nor deleted, so the site always has
 * someone who may administer it (the CLI promotes the first).
 */
public final class SiteAdmins {
    private final Database db;

    public SiteAdmins(Database db) {
        this.db = db;
    }

    public boolean is(User user) {
        return db.withHandle(h -> h.createQuery("SELECT site_admin FROM users WHERE id = :id").bind("id", user.id())
                .mapTo(Boolean.class).findOne().orElse(false));
    }

    /** Promotes or demotes {@code name}; demoting the last site admin is refused. */
    public void set(String name, boolean admin) {
        db.inTransaction(h -> {
            User user = h.createQuery("SELECT id, name FROM users WHERE name = :name").bind("name", name)
                    .map((rs, ctx) -> new User(rs.getLong("id"), rs.getString("name"))).findOne()
                    .orElseThrow(() -> HubException.notFound("no user named '" + name + "'"));
            if (!admin) refuseLast(h, user, "demoted");
            h.createUpdate("UPDATE users SET site_admin = :admin WHERE id = :id").bind("admin", admin).bind("id", user.id()).execute();
            return null;
        });
    }

    public List<String> names() {
        return db.withHandle(h -> h.createQuery("SELECT name FROM users WHERE site_admin = TRUE ORDER BY name")
                .mapTo(String.class).list());
    }

    /** Refuses ({@code what}: "demoted", "deleted") when {@code user} is the only site admin. */
    static void refuseLast(Handle h, User user, String what) {
        List<Long> admins = h.createQuery("SELECT id FROM users WHERE site_admin = TRUE").mapTo(Long.class).list();
        if (admins.size() == 1 && admins.get(0) == user.id()) {
            throw HubException.invalid("'" + user.name() + "' is the last site admin and cannot be " + what
                    + "; promote someone else first");
        }
    }
}
