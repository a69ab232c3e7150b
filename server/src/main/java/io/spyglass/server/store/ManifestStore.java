package io.spyglass.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Manifests, what they reference, and tags (tables manifests, manifest_references, tags). */
public final class ManifestStore {
    private static final String COLUMNS = "digest, media_type, size, config_digest, subject_digest, artifact_type, annotations";

    private final Database db;

    public ManifestStore(Database db) {
        this.db = db;
    }

    /** Thrown when a manifest names blobs or manifests the repository does not have. */
    public static final class MissingReferencesException extends RuntimeException {
        private final List<String> digests;

        MissingReferencesException(List<String> digests) {
            super("not in this repository: " + String.join(", ", digests));
            this.digests = List.copyOf(digests);
        }

        public List<String> digests() {
            return digests;
        }
    }

    /**
     * Stores a manifest whose bytes are already in the blob store, checks that every reference
     * exists in the repository, and (with a tag) points the tag at it and records a tag-pushed
     * event, all in one transaction.
     */
    public void put(long repositoryId, String repository, ManifestRecord m, String tag, String actor) {
        db.inTransaction(h -> {
            List<String> missing = missing(h, repositoryId, m.references());
            if (!missing.isEmpty()) throw new MissingReferencesException(missing);
            BlobIndex.link(h, repositoryId, m.digest(), m.size());
            h.createUpdate("INSERT INTO manifests (repository_id, " + COLUMNS + ", created_at) VALUES "
                            + "(:repo, :digest, :mt, :size, :config, :subject, :at, :ann, :now) "
                            + "ON CONFLICT (repository_id, digest) DO NOTHING")
                    .bind("repo", repositoryId).bind("digest", m.digest()).bind("mt", m.mediaType()).bind("size", m.size())
                    .bind("config", m.configDigest()).bind("subject", m.subjectDigest()).bind("at", m.artifactType())
                    .bind("ann", m.annotationsJson()).bind("now", Database.now()).execute();
            for (ManifestRecord.Reference r : m.references()) {
                h.createUpdate("INSERT INTO manifest_references (repository_id, parent_digest, child_digest, kind) "
                                + "VALUES (:repo, :parent, :child, :kind) ON CONFLICT DO NOTHING")
                        .bind("repo", repositoryId).bind("parent", m.digest()).bind("child", r.digest())
                        .bind("kind", r.kind().name().toLowerCase(Locale.ROOT)).execute();
            }
            if (tag != null) {
                h.createUpdate("INSERT INTO tags (repository_id, name, digest, updated_at) VALUES (:repo, :tag, :digest, :now) "
                                + "ON CONFLICT (repository_id, name) DO UPDATE SET digest = excluded.digest, updated_at = excluded.updated_at")
                        .bind("repo", repositoryId).bind("tag", tag).bind("digest", m.digest()).bind("now", Database.now()).execute();
                EventStore.insert(h, repositoryId, repository, tag, m.digest(), m.mediaType(), actor);
            }
            return null;
        });
    }

    private static List<String> missing(Handle h, long repositoryId, List<ManifestRecord.Reference> refs) {
        List<String> blobs = refs.stream().filter(r -> r.kind() == ManifestRecord.Kind.BLOB).map(ManifestRecord.Reference::digest).toList();
        List<String> manifests = refs.stream().filter(r -> r.kind() == ManifestRecord.Kind.MANIFEST).map(ManifestRecord.Reference::digest).toList();
        List<String> out = new java.util.ArrayList<>(BlobIndex.missing(h, repositoryId, blobs));
        if (!manifests.isEmpty()) {
            List<String> present = h.createQuery("SELECT digest FROM manifests WHERE repository_id = :repo AND digest IN (<d>)")
                    .bind("repo", repositoryId).bindList("d", manifests).mapTo(String.class).list();
            manifests.stream().filter(d -> !present.contains(d)).distinct().forEach(out::add);
        }
        return out;
    }

    public Optional<ManifestRecord> find(long repositoryId, String digest) {
        return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM manifests WHERE repository_id = :repo AND digest = :digest")
                .bind("repo", repositoryId).bind("digest", digest).map(ManifestStore::row).findOne());
    }

    public Optional<String> tagDigest(long repositoryId, String tag) {
        return db.withHandle(h -> h.createQuery("SELECT digest FROM tags WHERE repository_id = :repo AND name = :tag")
                .bind("repo", repositoryId).bind("tag", tag).mapTo(String.class).findOne());
    }

    /** Up to {@code n} tag names after {@code last}, in lexical order. */
    public List<String> tags(long repositoryId, String last, int n) {
        return db.withHandle(h -> h.createQuery("SELECT name FROM tags WHERE repository_id = :repo AND name > :last ORDER BY name LIMIT :n")
                .bind("repo", repositoryId).bind("last", last == null ? "" : last).bind("n", n).mapTo(String.class).list());
    }

    /** Manifests whose subject is {@code digest}, optionally only of one artifact type. */
    public List<ManifestRecord> referrers(long repositoryId, String digest, String artifactType) {
        String filter = artifactType == null ? "" : " AND artifact_type = :at";
        return db.withHandle(h -> {
            var q = h.createQuery("SELECT " + COLUMNS + " FROM manifests WHERE repository_id = :repo "
                    + "AND subject_digest = :digest" + filter + " ORDER BY digest")
                    .bind("repo", repositoryId).bind("digest", digest);
            if (artifactType != null) q.bind("at", artifactType);
            return q.map(ManifestStore::row).list();
        });
    }

    /** Deletes a manifest and every tag pointing at it. */
    public boolean delete(long repositoryId, String digest) {
        return db.inTransaction(h -> {
            h.createUpdate("DELETE FROM tags WHERE repository_id = :repo AND digest = :digest")
                    .bind("repo", repositoryId).bind("digest", digest).execute();
            h.createUpdate("DELETE FROM manifest_references WHERE repository_id = :repo AND parent_digest = :digest")
                    .bind("repo", repositoryId).bind("digest", digest).execute();
            return h.createUpdate("DELETE FROM manifests WHERE repository_id = :repo AND digest = :digest")
                    .bind("repo", repositoryId).bind("digest", digest).execute() > 0;
        });
    }

    public boolean deleteTag(long repositoryId, String tag) {
        return db.withHandle(h -> h.createUpdate("DELETE FROM tags WHERE repository_id = :repo AND name = :tag")
                .bind("repo", repositoryId).bind("tag", tag).execute()) > 0;
    }

    private static ManifestRecord row(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ManifestRecord(rs.getString("digest"), rs.getString("media_type"), rs.getLong("size"),
                rs.getString("config_digest"), rs.getString("subject_digest"), rs.getString("artifact_type"),
                rs.getString("annotations"), List.of());
    }
}
