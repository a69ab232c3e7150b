package io.spyglass.server.hub;

import io.spyglass.server.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Repositories and their settings. New repositories are public unless the server is configured
 * with private-by-default (Docker Hub's default is public).
 */
public final class Repositories {
    private static final Set<String> INSIGHT = Set.of("none", "basic", "advanced");
    // OCI distribution-spec name components (after the namespace)
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile(
            "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final String COLUMNS = "id, namespace, name, private, description, image_insight";

    private final Database db;
    private final boolean privateByDefault;

    public Repositories(Database db, boolean privateByDefault) {
        this.db = db;
        this.privateByDefault = privateByDefault;
    }

    public Optional<Repository> find(String namespace, String name) {
        return db.withHandle(h -> find(h, namespace, name));
    }

    public static Optional<Repository> find(Handle h, String namespace, String name) {
        return h.createQuery("SELECT " + COLUMNS + " FROM repositories WHERE namespace = :ns AND name = :name")
                .bind("ns", namespace).bind("name", name).map(Repositories::row).findOne();
    }

    public Optional<Repository> findById(long id) {
        return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM repositories WHERE id = :id")
                .bind("id", id).map(Repositories::row).findOne());
    }

    /** Creates the repository; {@code isPrivate} null means the server default. */
    public Repository create(String namespace, String name, Boolean isPrivate) {
        if (name == null || name.length() > 200 || !NAME.matcher(name).matches()) {
            throw HubException.invalid("invalid repository name '" + name
                    + "': lowercase path components [a-z0-9] separated by '.', '_', '__' or '-', joined by '/'");
        }
        return db.inTransaction(h -> {
            if (Namespaces.kind(h, namespace).isEmpty()) throw HubException.notFound("no user or organisation named '" + namespace + "'");
            if (find(h, namespace, name).isPresent()) throw HubException.conflict("repository '" + namespace + "/" + name + "' already exists");
            return insert(h, namespace, name, isPrivate == null ? privateByDefault : isPrivate);
        });
    }

    /**
     * The repository, created (with the server default visibility) when absent: first push. Two
     * first pushes at once both end up with the one row (the insert does nothing on conflict).
     */
    public Repository findOrCreate(Handle h, String namespace, String name) {
        Optional<Repository> found = find(h, namespace, name);
        if (found.isPresent()) return found.get();
        long id = Database.nextId(h, "repositories");
        h.createUpdate("INSERT INTO repositories (id, namespace, name, private, created_at) "
                        + "VALUES (:id, :ns, :name, :private, :now) ON CONFLICT (namespace, name) DO NOTHING")
                .bind("id", id).bind("ns", namespace).bind("name", name).bind("private", privateByDefault)
                .bind("now", Database.now()).execute();
        return find(h, namespace, name).orElseThrow();
    }

    private static Repository insert(Handle h, String namespace, String name, boolean isPrivate) {
        long id = Database.nextId(h, "repositories");
        h.createUpdate("INSERT INTO repositories (id, namespace, name, private, created_at) "
                        + "VALUES (:id, :ns, :name, :private, :now)")
                .bind("id", id).bind("ns", namespace).bind("name", name).bind("private", isPrivate)
                .bind("now", Database.now()).execute();
        return new Repository(id, namespace, name, isPrivate, "", "none");
    }

    /** Changes settings; a null argument leaves that setting alone. */
    public Repository update(Repository repo, Boolean isPrivate, String description, String imageInsight) {
        if (imageInsight != null && !INSIGHT.contains(imageInsight)) {
            throw HubException.invalid("unknown image insight setting '" + imageInsight + "' (want none, basic or advanced)");
        }
        if (description != null && description.length() > 4000) throw HubException.invalid("description is longer than 4000 characters");
        return db.inTransaction(h -> {
            h.createUpdate("UPDATE repositories SET private = COALESCE(:private, private), "
                            + "description = COALESCE(:description, description), "
                            + "image_insight = COALESCE(:insight, image_insight) WHERE id = :id")
                    .bind("private", isPrivate).bind("description", description).bind("insight", imageInsight)
                    .bind("id", repo.id()).execute();
            return find(h, repo.namespace(), repo.name()).orElseThrow();
        });
    }

    /**
     * Deletes the repository and what belongs only to it, in one transaction (see
     * {@link RepositoryDeletion}); a push to the name afterwards starts a new, empty repository.
     */
    public DeletedRepository delete(Repository repo) {
        return db.inTransaction(h -> {
            Repository current = find(h, repo.namespace(), repo.name())
                    .orElseThrow(() -> HubException.notFound("no repository " + repo.fullName()));
            return RepositoryDeletion.delete(h, current);
        });
    }

    public List<Repository> inNamespace(String namespace) {
        return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM repositories WHERE namespace = :ns ORDER BY name")
                .bind("ns", namespace).map(Repositories::row).list());
    }

    private static Repository row(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Repository(rs.getLong("id"), rs.getString("namespace"), rs.getString("name"),
                rs.getBoolean("private"), rs.getString("description"), rs.getString("image_insight"));
    }
}
