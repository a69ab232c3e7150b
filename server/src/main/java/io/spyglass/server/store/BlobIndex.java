package io.spyglass.server.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Which blobs exist (table blobs) and which repository may see which (repository_blobs). */
public final class BlobIndex {
    private final Database db;

    public BlobIndex(Database db) {
        this.db = db;
    }

    /** The blob's size when {@code repositoryId} may see it. */
    public Optional<Long> sizeIn(long repositoryId, String digest) {
        return db.withHandle(h -> h.createQuery("SELECT b.size FROM repository_blobs rb JOIN blobs b ON b.digest = rb.digest "
                        + "WHERE rb.repository_id = :repo AND rb.digest = :digest")
                .bind("repo", repositoryId).bind("digest", digest).mapTo(Long.class).findOne());
    }

    public void link(long repositoryId, String digest, long size) {
        db.inTransaction(h -> {
            link(h, repositoryId, digest, size);
            return null;
        });
    }

    /**
     * Records the blob (once) and lets the repository see it. A blob pushed again gets a fresh
     * {@code created_at} on both rows: garbage collection keeps blobs linked within its grace
     * period, so a layer re-uploaded for a manifest not yet PUT survives (see {@code GarbageCollector}).
     */
    public static void link(Handle h, long repositoryId, String digest, long size) {
        long now = Database.now();
        h.createUpdate("INSERT INTO blobs (digest, size, created_at) VALUES (:digest, :size, :now) "
                        + "ON CONFLICT (digest) DO UPDATE SET created_at = excluded.created_at")
                .bind("digest", digest).bind("size", size).bind("now", now).execute();
        h.createUpdate("INSERT INTO repository_blobs (repository_id, digest, created_at) VALUES (:repo, :digest, :now) "
                        + "ON CONFLICT (repository_id, digest) DO UPDATE SET created_at = excluded.created_at")
                .bind("repo", repositoryId).bind("digest", digest).bind("now", now).execute();
    }

    /** Hides the blob from the repository; the bytes stay for other repositories. */
    public boolean unlink(long repositoryId, String digest) {
        return db.withHandle(h -> h.createUpdate("DELETE FROM repository_blobs WHERE repository_id = :repo AND digest = :digest")
                .bind("repo", repositoryId).bind("digest", digest).execute()) > 0;
    }

    /**
     * The digests among {@code digests} that the repository cannot see. The rows it finds are
     * touched first: that refreshes their link time and row-locks them until the caller commits, so
     * a garbage collection deleting the same rows either waits for this manifest or wins and this
     * manifest is refused, never both.
     */
    public static List<String> missing(Handle h, long repositoryId, Collection<String> digests) {
        if (digests.isEmpty()) return List.of();
        h.createUpdate("UPDATE repository_blobs SET created_at = :now WHERE repository_id = :repo AND digest IN (<digests>)")
                .bind("now", Database.now()).bind("repo", repositoryId).bindList("digests", List.copyOf(digests)).execute();
        List<String> present = h.createQuery("SELECT digest FROM repository_blobs WHERE repository_id = :repo AND digest IN (<digests>)")
                .bind("repo", repositoryId).bindList("digests", List.copyOf(digests)).mapTo(String.class).list();
        return digests.stream().filter(d -> !present.contains(d)).distinct().sorted().toList();
    }
}
