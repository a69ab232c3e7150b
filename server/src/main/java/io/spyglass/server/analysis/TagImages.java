package io.spyglass.server.analysis;

import io.spyglass.server.analysis.image.BlobImageSource;
import io.spyglass.server.analysis.job.AnalysisJobs;
import io.spyglass.server.analysis.job.JobQueue;
import io.spyglass.image.Descriptor;
import io.spyglass.image.Digest;
import io.spyglass.image.ImageIndex;
import io.spyglass.image.ManifestDocument;
import io.spyglass.image.json.JsonToImageTranslator;
import io.spyglass.server.store.Database;
import io.spyglass.server.store.blob.BlobStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Which image manifests a tag stands for: the manifest itself, or each image of an index (one
 * per platform; BuildKit's attestation entries, platform unknown/unknown, are skipped). Recorded in
 * table tag_images, and each image gets an analysis job unless it is analysed already.
 */
public final class TagImages {
    private final BlobStore blobs;

    TagImages(BlobStore blobs) {
        this.blobs = blobs;
    }

    record Entry(String digest, String platform) {}

    /** The images behind {@code digest}; an unreadable index yields the index itself (its job will fail with the reason). */
    public List<Entry> images(String digest, String mediaType) {
        if (!isIndex(mediaType)) return List.of(new Entry(digest, null));
        try {
            ManifestDocument doc = JsonToImageTranslator.toManifestDocument(
                    BlobImageSource.document(blobs, Digest.parse(digest)), mediaType);
            List<Entry> out = new ArrayList<>();
            for (Descriptor d : ((ImageIndex) doc).manifests()) {
                if (!d.mediaType().isManifest()) continue;
                if (d.platform() != null && d.platform().os().equals("unknown")) continue;
                out.add(new Entry(d.digest().toString(), d.platform() == null ? null : d.platform().toString()));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return List.of(new Entry(digest, null));
        }
    }

    /** One tag to point at its images: {@code repo:tag} now stands for {@code tagDigest}. */
    public record TagWrite(long repositoryId, String tag, String tagDigest, List<Entry> images) {
        public TagWrite {
            images = List.copyOf(images);
        }
    }

    /**
     * Points each tag at its images and queues those not analysed yet. Every transaction that writes
     * these tables takes its locks in one order, so two of them (the event dispatchers of several
     * nodes, a settings change queueing a whole repository, a worker storing a result) wait for each
     * other but never deadlock: tag_images rows by (repository, tag), then image_analyses rows by
     * digest, then the analysis_jobs id sequence row and the jobs. A later write of the same tag in
     * {@code writes} replaces an earlier one.
     */
    public static void record(Handle h, List<TagWrite> writes) {
        Map<String, Long> digests = new TreeMap<>();
        long now = Database.now();
        for (TagWrite w : latestSorted(writes)) {
            h.createUpdate("DELETE FROM tag_images WHERE repository_id = :repo AND tag = :tag")
                    .bind("repo", w.repositoryId()).bind("tag", w.tag()).execute();
            for (Entry e : w.images().stream().sorted(Comparator.comparing(Entry::digest)).toList()) {
                h.createUpdate("INSERT INTO tag_images (repository_id, tag, tag_digest, manifest_digest, platform, pushed_at) "
                                + "VALUES (:repo, :tag, :td, :md, :platform, :now) ON CONFLICT DO NOTHING")
                        .bind("repo", w.repositoryId()).bind("tag", w.tag()).bind("td", w.tagDigest()).bind("md", e.digest())
                        .bind("platform", e.platform()).bind("now", now).execute();
                digests.putIfAbsent(e.digest(), w.repositoryId());
            }
        }
        List<String> fresh = new ArrayList<>();
        for (Map.Entry<String, Long> d : digests.entrySet()) {
            if (markQueued(h, d.getKey(), d.getValue())) fresh.add(d.getKey());
        }
        for (String md : fresh) JobQueue.enqueue(h, AnalysisJobs.ANALYSE, AnalysisJobs.ANALYSE + ":" + md, md);
        // an index may carry attestation manifests (read once per index digest, whatever its images' state)
        for (TagWrite w : latestSorted(writes)) {
            if (w.images().stream().noneMatch(e -> e.digest().equals(w.tagDigest()))) {
                JobQueue.enqueue(h, AnalysisJobs.ATTESTATIONS, AnalysisJobs.ATTESTATIONS + ":" + w.tagDigest(), w.tagDigest());
            }
        }
    }

    private static List<TagWrite> latestSorted(List<TagWrite> writes) {
        Map<String, TagWrite> latest = new LinkedHashMap<>();
        for (TagWrite w : writes) latest.put(w.repositoryId() + "\0" + w.tag(), w);
        return latest.values().stream()
                .sorted(Comparator.comparingLong(TagWrite::repositoryId).thenComparing(TagWrite::tag)).toList();
    }

    /**
     * Gives an image a queued status row unless it is done or under way; true when it needs a job.
     * Not one upsert: ON CONFLICT DO UPDATE locks the existing row even when its WHERE is false,
     * which would make every push wait on (and lock against) a worker storing that image's result.
     */
    private static boolean markQueued(Handle h, String manifestDigest, long repositoryId) {
        long now = Database.now();
        int inserted = h.createUpdate("INSERT INTO image_analyses (manifest_digest, repository_id, status, updated_at) "
                        + "VALUES (:md, :repo, 'queued', :now) ON CONFLICT (manifest_digest) DO NOTHING")
                .bind("md", manifestDigest).bind("repo", repositoryId).bind("now", now).execute();
        return inserted > 0 || h.createUpdate("UPDATE image_analyses SET status = 'queued', reason = NULL, repository_id = :repo, "
                        + "updated_at = :now WHERE manifest_digest = :md AND status = 'failed'")
                .bind("md", manifestDigest).bind("repo", repositoryId).bind("now", now).execute() > 0;
    }

    /** Whether some repository holding this image still has analysis on. */
    public static boolean wanted(Handle h, String manifestDigest) {
        return h.createQuery("SELECT COUNT(*) FROM tag_images ti JOIN repositories r ON r.id = ti.repository_id "
                        + "WHERE ti.manifest_digest = :md AND r.image_insight <> 'none'")
                .bind("md", manifestDigest).mapTo(Long.class).one() > 0;
    }

    /**
     * Cancels the queued analysis of an image no analysed repository holds any more: its status row
     * goes (the tags show "Analysis off") and its job is marked failed with the reason, so turning
     * analysis on again queues it afresh. Returns true when there was one to cancel.
     */
    public static boolean cancel(Handle h, String manifestDigest) {
        int rows = h.createUpdate("DELETE FROM image_analyses WHERE manifest_digest = :md AND status IN ('queued', 'analysing')")
                .bind("md", manifestDigest).execute();
        if (rows > 0) h.createUpdate("DELETE FROM image_sboms WHERE manifest_digest = :md").bind("md", manifestDigest).execute();
        h.createUpdate("UPDATE analysis_jobs SET state = 'failed', lease_until = NULL, finished_at = :now, last_error = :why "
                        + "WHERE job_key = :key AND state IN ('queued', 'running')")
                .bind("now", Database.now()).bind("why", CANCELLED).bind("key", AnalysisJobs.ANALYSE + ":" + manifestDigest).execute();
        return rows > 0;
    }

    /** The reason a cancelled analysis job carries. */
    static final String CANCELLED = "cancelled: image insight was turned off before the analysis ran";

    private static boolean isIndex(String mediaType) {
        return mediaType != null && (mediaType.contains("image.index") || mediaType.contains("manifest.list"));
    }
}
