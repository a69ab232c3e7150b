package io.spyglass.server.vex;

import io.spyglass.server.store.Database;
import io.spyglass.vex.VexDocument;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The VEX documents of repositories and what they changed (tables vex_documents, vex_history). */
final class VexStore {
    private static final String SELECT = "SELECT v.* FROM vex_documents v WHERE v.repository_id = :r ";
    // a pushed document counts while its artifact's manifest is in the repository: deleting the
    // artifact (or collecting it as garbage) withdraws it without touching this table
    private static final String IN_FORCE = "AND (v.referrer IS NULL OR EXISTS (SELECT 1 FROM manifests m "
            + "WHERE m.repository_id = v.repository_id AND m.digest = v.referrer)) ";

    private VexStore() {}

    static List<StoredVex> inForce(Handle h, long repositoryId) {
        return h.createQuery(SELECT + IN_FORCE + "ORDER BY v.added_at, v.id").bind("r", repositoryId)
                .map((rs, ctx) -> new StoredVex(rs.getLong("id"), rs.getString("source"), rs.getString("referrer"),
                        rs.getString("document_id"), rs.getString("author"), nullable(rs.getLong("stated_at"), rs.wasNull()),
                        rs.getLong("statements"), rs.getString("body"), rs.getString("added_by"), rs.getLong("added_at")))
                .list();
    }

    /** An uploaded document with this @id, if any (uploading it again replaces it). */
    static Optional<Long> uploaded(Handle h, long repositoryId, String documentId) {
        return h.createQuery("SELECT id FROM vex_documents WHERE repository_id = :r AND source = 'upload' AND document_id = :d")
                .bind("r", repositoryId).bind("d", documentId).mapTo(Long.class).findOne();
    }

    static long insert(Handle h, long repositoryId, String source, String referrer, VexDocument doc, String body, String addedBy) {
        long id = Database.nextId(h, "vex_documents");
        h.createUpdate("INSERT INTO vex_documents (id, repository_id, source, referrer, document_id, author, stated_at, statements, "
                        + "body, added_by, added_at) VALUES (:id, :r, :source, :referrer, :doc, :author, :stated, :n, :body, :by, :now)")
                .bind("id", id).bind("r", repositoryId).bind("source", source).bind("referrer", referrer)
                .bind("doc", doc.id()).bind("author", doc.author())
                .bind("stated", doc.timestamp() == null ? null : doc.timestamp().toEpochMilli())
                .bind("n", (long) doc.statements().size()).bind("body", body).bind("by", addedBy).bind("now", Database.now())
                .execute();
        return id;
    }

    static boolean delete(Handle h, long repositoryId, long id) {
        return h.createUpdate("DELETE FROM vex_documents WHERE repository_id = :r AND id = :id")
                .bind("r", repositoryId).bind("id", id).execute() > 0;
    }

    /** Forgets the documents pushed as this artifact (it is being stored again, or was deleted). */
    static int deleteReferrer(Handle h, long repositoryId, String referrer) {
        return h.createUpdate("DELETE FROM vex_documents WHERE repository_id = :r AND referrer = :m")
                .bind("r", repositoryId).bind("m", referrer).execute();
    }

    record Change(String digest, String vulnerabilityId, String packageName, String packageVersion, String change, String reason) {}

    static void history(Handle h, long repositoryId, List<Change> changes) {
        if (changes.isEmpty()) return;
        long id = Database.nextIds(h, "vex_history", changes.size());
        long now = Database.now();
        var batch = h.prepareBatch("INSERT INTO vex_history (id, repository_id, manifest_digest, vulnerability_id, package_name, "
                + "package_version, change, reason, created_at) VALUES (:id, :r, :md, :v, :name, :version, :change, :reason, :now)");
        for (Change c : changes) {
            batch.bind("id", id++).bind("r", repositoryId).bind("md", c.digest()).bind("v", c.vulnerabilityId())
                    .bind("name", c.packageName()).bind("version", c.packageVersion()).bind("change", c.change())
                    .bind("reason", c.reason()).bind("now", now).add();
        }
        batch.execute();
    }

    private static Long nullable(long v, boolean wasNull) {
        return wasNull ? null : v;
    }
}
