package io.spyglass.server.store;

import java.util.Optional;

/** Uploads in progress and the repository each belongs to (the bytes are in the blob store). */
public final class UploadStore {
    private final Database db;

    public UploadStore(Database db) {
        this.db = db;
    }

    public void create(String id, long repositoryId) {
        db.withHandle(h -> h.createUpdate("INSERT INTO uploads (id, repository_id, created_at) VALUES (:id, :repo, :now)")
                .bind("id", id).bind("repo", repositoryId).bind("now", Database.now()).execute());
    }

    /** The repository the upload belongs to. */
    public Optional<Long> repositoryOf(String id) {
        return db.withHandle(h -> h.createQuery("SELECT repository_id FROM uploads WHERE id = :id")
                .bind("id", id).mapTo(Long.class).findOne());
    }

    public void delete(String id) {
        db.withHandle(h -> h.createUpdate("DELETE FROM uploads WHERE id = :id").bind("id", id).execute());
    }
}
