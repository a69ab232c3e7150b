package io.spyglass.server.store;

import java.util.List;

/** Look-ups the pages need across the hub tables: a user's organisations, the public repositories. */
public final class Directory {
    private final Database db;

    public Directory(Database db) {
        this.db = db;
    }

    /** Names of the organisations {@code userId} belongs to, by name. */
    public List<String> organisationsOf(long userId) {
        return db.withHandle(h -> h.createQuery("SELECT o.name FROM org_members m JOIN organizations o ON o.id = m.org_id "
                        + "WHERE m.user_id = :user ORDER BY o.name")
                .bind("user", userId).mapTo(String.class).list());
    }

    /** Ids of public repositories, most recently pushed first. */
    public List<Long> publicRepositories(int limit) {
        return db.withHandle(h -> h.createQuery("SELECT r.id FROM repositories r LEFT JOIN tags t ON t.repository_id = r.id "
                        + "WHERE r.private = FALSE GROUP BY r.id, r.namespace, r.name "
                        + "ORDER BY COALESCE(MAX(t.updated_at), 0) DESC, r.namespace, r.name LIMIT :limit")
                .bind("limit", limit).mapTo(Long.class).list());
    }

    /** Ids of repositories whose {@code namespace/name} contains {@code text} (any case), by name. */
    public List<Long> repositoriesMatching(String text, int limit) {
        String pattern = "%" + text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return db.withHandle(h -> h.createQuery("SELECT id FROM repositories WHERE LOWER(namespace || '/' || name) LIKE :p ESCAPE '\\' "
                        + "ORDER BY namespace, name LIMIT :limit")
                .bind("p", pattern).bind("limit", limit).mapTo(Long.class).list());
    }
}
