package io.spyglass.server.hub;

import io.spyglass.server.analysis.result.ResultStore;
import java.util.List;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * Removes a repository and every row that belongs only to it, inside the caller's transaction:
 * tags, manifests and their links, uploads, events, webhooks with their deliveries, and the
 * analysis of images no other repository holds. Analysis is keyed by manifest digest across the
 * server, so an image another repository also tags keeps its SBOM and findings (its status row is
 * handed to that repository). Blob bytes stay for garbage collection.
 */
final class RepositoryDeletion {
    // the analysis job keys (see analysis.AnalysisJobs); jobs are keyed "<kind>:<payload>"
    private static final String ANALYSE_JOB = "analyse:";
    private static final String WEBHOOK_JOB = "webhook:";

    private RepositoryDeletion() {}

    static DeletedRepository delete(Handle h, Repository repo) {
        long id = repo.id();
        // the image digests first, in digest order: the lock order of image_analyses rows (see analysis.TagImages)
        TreeSet<String> images = new TreeSet<>(h.createQuery("SELECT manifest_digest FROM tag_images WHERE repository_id = :r "
                        + "UNION SELECT manifest_digest FROM image_analyses WHERE repository_id = :r")
                .bind("r", id).mapTo(String.class).list());
        int tags = count(h, "tags", id);
        int manifests = count(h, "manifests", id);
        update(h, "DELETE FROM tag_images WHERE repository_id = :r", id);
        int jobs = update(h, "DELETE FROM analysis_jobs WHERE job_key IN (SELECT '" + WEBHOOK_JOB + "' || CAST(d.id AS TEXT) "
                + "FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE w.repository_id = :r)", id);
        update(h, "DELETE FROM webhook_deliveries WHERE webhook_id IN (SELECT id FROM webhooks WHERE repository_id = :r)", id);
        int webhooks = update(h, "DELETE FROM webhooks WHERE repository_id = :r", id);
        int forgotten = 0;
        for (String digest : images) {
            Long other = h.createQuery("SELECT MIN(repository_id) FROM tag_images WHERE manifest_digest = :md")
                    .bind("md", digest).mapTo(Long.class).one();
            if (other != null) {
                h.createUpdate("UPDATE image_analyses SET repository_id = :other WHERE manifest_digest = :md AND repository_id = :r")
                        .bind("other", other).bind("md", digest).bind("r", id).execute();
                continue;
            }
            ResultStore.forget(h, digest);
            // a finished job row would stop a later push of the same image from queueing it again
            jobs += h.createUpdate("DELETE FROM analysis_jobs WHERE job_key = :key").bind("key", ANALYSE_JOB + digest).execute();
            forgotten++;
        }
        for (String table : List.of("events", "tags", "manifest_references", "manifests", "repository_blobs", "uploads",
                "base_image_sources", "vex_documents", "vex_history")) {
            update(h, "DELETE FROM " + table + " WHERE repository_id = :r", id);
        }
        update(h, "DELETE FROM repositories WHERE id = :r", id);
        return new DeletedRepository(repo.fullName(), tags, manifests, forgotten, images.size() - forgotten, webhooks, jobs);
    }

    private static int count(Handle h, String table, long id) {
        return h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE repository_id = :r").bind("r", id).mapTo(Integer.class).one();
    }

    private static int update(Handle h, String sql, long id) {
        return h.createUpdate(sql).bind("r", id).execute();
    }
}
