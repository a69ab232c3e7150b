package io.spyglass.server.store;

import io.spyglass.image.Digest;
import io.spyglass.server.ops.JobProgressLog;
import io.spyglass.server.store.blob.BlobStore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mark and sweep over the blob store, as distribution's {@code registry garbage-collect}, but safe
 * while servers run: the database is the index of what exists and what references it.
 *
 * <ol>
 *   <li>With {@code deleteUntagged}: manifests no tag reaches (directly, through an index, or as a
 *       referrer of a reachable manifest) and older than {@code minAge} are deleted, and with them
 *       the analysis of a digest no repository holds any more ({@link UntaggedManifests}).
 *   <li>Mark: every stored manifest's own digest and every blob it references (config, layers).
 *   <li>Sweep: every other blob whose last push or link is older than {@code minAge}. Each goes in
 *       its own transaction that deletes its rows only if they are still old and still
 *       unreferenced (a manifest PUT row-locks and refreshes the rows it needs, see
 *       {@link BlobIndex#missing}); the bytes go after that commits.
 *   <li>Uploads started more than {@code uploadMaxAge} ago are cancelled ({@link #purgeUploads}).
 * </ol>
 * The grace period is what keeps a push in flight safe: its blobs are uploaded (or re-linked)
 * moments before its manifest is PUT. One window remains: a blob unreferenced for longer than
 * {@code minAge} that is uploaded again in the milliseconds between its rows' deletion and its
 * bytes' deletion loses its bytes; a push of that blob after the collection puts them back.
 */
public final class GarbageCollector {
    private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);

    private final Database db;
    private final BlobStore blobs;

    public GarbageCollector(Database db, BlobStore blobs) {
        this.db = db;
        this.blobs = blobs;
    }

    /** What to do; {@code uploadMaxAge} null leaves uploads alone. */
    public record Options(boolean dryRun, boolean deleteUntagged, Duration minAge, Duration uploadMaxAge) {
        public Options {
            if (minAge == null || minAge.isNegative()) throw new IllegalArgumentException("min-age must be zero or more");
            if (uploadMaxAge != null && uploadMaxAge.isNegative()) throw new IllegalArgumentException("upload-max-age must be zero or more");
        }
    }

    /** A blob swept (or, in a dry run, to be swept). */
    public record Swept(String digest, long size) {}

    /** What a run removed, or with {@code dryRun} would remove. */
    public record Report(List<String> manifests, List<Swept> blobs, List<String> uploads, long uploadBytes, int kept) {
        public Report {
            manifests = List.copyOf(manifests);
            blobs = List.copyOf(blobs);
            uploads = List.copyOf(uploads);
        }

        public long blobBytes() {
            return blobs.stream().mapToLong(Swept::size).sum();
        }
    }

    public Report run(Options o) throws IOException {
        long cutoff = Database.now() - o.minAge().toMillis();
        List<UntaggedManifests.Untagged> untagged = o.deleteUntagged() ? new UntaggedManifests(db).find(cutoff) : List.of();
        List<String> manifests = new ArrayList<>();
        for (UntaggedManifests.Untagged u : untagged) {
            if (!o.dryRun()) new UntaggedManifests(db).delete(u);
            manifests.add(u.repository() + "@" + u.digest());
        }
        Set<String> marked = mark(o.dryRun() ? untagged : List.of());
        List<Swept> swept = new ArrayList<>();
        int kept = 0;
        List<Swept> candidates = candidates(cutoff);
        JobProgressLog progress = new JobProgressLog(log, "garbage collection sweep", candidates.size(), "blobs");
        for (Swept candidate : candidates) {
            progress.advance(1);
            if (marked.contains(candidate.digest())) continue;
            if (o.dryRun() || sweep(candidate, cutoff)) {
                swept.add(candidate);
            } else {
                kept++;
            }
        }
        List<String> uploads = new ArrayList<>();
        long uploadBytes = 0;
        if (o.uploadMaxAge() != null) {
            for (String id : abandonedUploads(o.uploadMaxAge())) {
                uploadBytes += uploadSize(id);
                if (!o.dryRun()) cancelUpload(id);
                uploads.add(id);
            }
        }
        return new Report(manifests, swept, uploads, uploadBytes, kept);
    }

    /** Cancels uploads started more than {@code maxAge} ago; returns how many. The server runs this on a timer. */
    public int purgeUploads(Duration maxAge) throws IOException {
        List<String> old = abandonedUploads(maxAge);
        for (String id : old) cancelUpload(id);
        return old.size();
    }

    /** Every digest a stored manifest stands for or references, leaving out {@code ignored} manifests (a dry run's deletions). */
    private Set<String> mark(List<UntaggedManifests.Untagged> ignored) {
        Set<String> skip = new HashSet<>();
        ignored.forEach(u -> skip.add(u.repositoryId() + " " + u.digest()));
        Set<String> marked = new HashSet<>();
        db.withHandle(h -> {
            h.createQuery("SELECT repository_id, digest FROM manifests").map((rs, ctx) -> new String[] {rs.getLong(1) + " " + rs.getString(2), rs.getString(2)})
                    .forEach(r -> {
                        if (!skip.contains(r[0])) marked.add(r[1]);
                    });
            h.createQuery("SELECT repository_id, parent_digest, child_digest FROM manifest_references")
                    .map((rs, ctx) -> new String[] {rs.getLong(1) + " " + rs.getString(2), rs.getString(3)})
                    .forEach(r -> {
                        if (!skip.contains(r[0])) marked.add(r[1]);
                    });
            return null;
        });
        return marked;
    }

    /** Blobs whose every row is older than the cutoff, in digest order. */
    private List<Swept> candidates(long cutoff) {
        return db.withHandle(h -> h.createQuery("SELECT b.digest, b.size FROM blobs b WHERE b.created_at < :cutoff "
                        + "AND NOT EXISTS (SELECT 1 FROM repository_blobs rb WHERE rb.digest = b.digest AND rb.created_at >= :cutoff) "
                        + "ORDER BY b.digest")
                .bind("cutoff", cutoff).map((rs, ctx) -> new Swept(rs.getString(1), rs.getLong(2))).list());
    }

    /** Deletes one unreferenced blob's rows, then its bytes; false when a push got to it first. */
    private boolean sweep(Swept blob, long cutoff) throws IOException {
        boolean gone = db.inTransactionRetrying("garbage collection of " + blob.digest(), h -> {
            // rows first (waits for a manifest PUT that locked them), then the checks in new statements
            h.createUpdate("DELETE FROM repository_blobs WHERE digest = :d AND created_at < :cutoff")
                    .bind("d", blob.digest()).bind("cutoff", cutoff).execute();
            boolean inUse = h.createQuery("SELECT (SELECT COUNT(*) FROM repository_blobs WHERE digest = :d) "
                            + "+ (SELECT COUNT(*) FROM manifests WHERE digest = :d) "
                            + "+ (SELECT COUNT(*) FROM manifest_references WHERE child_digest = :d)")
                    .bind("d", blob.digest()).mapTo(Long.class).one() > 0;
            if (inUse) {
                h.rollback();
                return false;
            }
            return h.createUpdate("DELETE FROM blobs WHERE digest = :d AND created_at < :cutoff")
                    .bind("d", blob.digest()).bind("cutoff", cutoff).execute() > 0;
        });
        if (gone) blobs.delete(Digest.parse(blob.digest()));
        return gone;
    }

    private List<String> abandonedUploads(Duration maxAge) {
        long before = Database.now() - maxAge.toMillis();
        return db.withHandle(h -> h.createQuery("SELECT id FROM uploads WHERE created_at < :before ORDER BY id")
                .bind("before", before).mapTo(String.class).list());
    }

    private long uploadSize(String id) {
        try {
            return blobs.uploadSize(id);
        } catch (IOException | RuntimeException goneAlready) {
            return 0;
        }
    }

    private void cancelUpload(String id) throws IOException {
        blobs.cancel(id);
        new UploadStore(db).delete(id);
    }
}
