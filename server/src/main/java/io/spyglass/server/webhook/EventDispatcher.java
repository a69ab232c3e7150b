package io.spyglass.server.webhook;

import io.spyglass.server.analysis.TagImages;
import io.spyglass.server.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Turns "tag pushed" events into analysis jobs. It reads the events table after a persisted
 * cursor, in one transaction with the jobs it adds, so an event is dispatched exactly once even
 * with several nodes (the cursor row is locked while a node reads). The push itself never waits
 * for this: analysis can fail or lag without failing a push.
 */
public final class EventDispatcher {
    private static final String CURSOR = "events";
    private static final int BATCH = 200;

    private final Database db;
    private final TagImages tagImages;

    public EventDispatcher(Database db, TagImages tagImages) {
        this.db = db;
        this.tagImages = tagImages;
    }

    /** Dispatches one batch; returns how many events it read. */
    public int dispatch() {
        return db.inTransactionRetrying("event dispatch", h -> {
            h.createUpdate("INSERT INTO analysis_cursor (name, last_id) VALUES (:n, 0) ON CONFLICT (name) DO NOTHING")
                    .bind("n", CURSOR).execute();
            // an update that changes nothing still takes the row lock until commit
            long last = h.createQuery("UPDATE analysis_cursor SET last_id = last_id WHERE name = :n RETURNING last_id")
                    .bind("n", CURSOR).mapTo(Long.class).one();
            List<Event> events = h.createQuery("SELECT e.id, e.repository_id, e.tag, e.digest, e.media_type, r.image_insight "
                            + "FROM events e JOIN repositories r ON r.id = e.repository_id "
                            + "WHERE e.kind = 'tag_pushed' AND e.id > :last ORDER BY e.id LIMIT :limit")
                    .bind("last", last).bind("limit", BATCH)
                    .map((rs, ctx) -> new Event(rs.getLong("id"), rs.getLong("repository_id"), rs.getString("tag"),
                            rs.getString("digest"), rs.getString("media_type"), rs.getString("image_insight")))
                    .list();
            if (events.isEmpty()) return 0;
            List<TagImages.TagWrite> writes = new ArrayList<>();
            for (Event e : events) {
                if (e.insight().equals("none")) continue;
                writes.add(new TagImages.TagWrite(e.repositoryId(), e.tag(), e.digest(), tagImages.images(e.digest(), e.mediaType())));
            }
            TagImages.record(h, writes);
            h.createUpdate("UPDATE analysis_cursor SET last_id = :id WHERE name = :n")
                    .bind("id", events.get(events.size() - 1).id()).bind("n", CURSOR).execute();
            return events.size();
        });
    }

    /**
     * Queues every tag of a repository (analysis was just turned on). The images of each tag are
     * read before the transaction (an index is a blob read); in it, the tags are read again with a
     * share lock and one that moved since is left out: the push that moved it has an event of its
     * own, dispatched after this setting was saved, so it is recorded from there and never
     * overwritten here with the older digest.
     */
    public void queueRepository(long repositoryId) {
        List<TagImages.TagWrite> writes = new ArrayList<>();
        for (Tag t : db.withHandle(h -> tags(h, repositoryId))) {
            writes.add(new TagImages.TagWrite(repositoryId, t.name(), t.digest(), tagImages.images(t.digest(), t.mediaType())));
        }
        if (writes.isEmpty()) return;
        db.inTransactionRetrying("queueing the tags of repository " + repositoryId, h -> {
            // tags before tag_images in the lock order; a push holds one tags row and no analysis row
            Map<String, String> now = h.createQuery("SELECT name, digest FROM tags WHERE repository_id = :repo ORDER BY name"
                            + (db.isPostgres() ? " FOR SHARE" : ""))
                    .bind("repo", repositoryId)
                    .map((rs, ctx) -> Map.entry(rs.getString("name"), rs.getString("digest")))
                    .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            TagImages.record(h, writes.stream().filter(w -> w.tagDigest().equals(now.get(w.tag()))).toList());
            return null;
        });
    }

    /**
     * Analysis was just turned off: the repository's images still waiting in the queue are
     * cancelled unless another analysed repository holds them. One being analysed right now
     * finishes. Returns how many were cancelled.
     */
    public int cancelRepository(long repositoryId) {
        return db.inTransaction(h -> {
            List<String> waiting = h.createQuery("SELECT DISTINCT ti.manifest_digest FROM tag_images ti JOIN image_analyses a "
                            + "ON a.manifest_digest = ti.manifest_digest WHERE ti.repository_id = :repo AND a.status = 'queued' "
                            // digest order: the lock order of image_analyses rows (see TagImages#record)
                            + "ORDER BY ti.manifest_digest")
                    .bind("repo", repositoryId).mapTo(String.class).list();
            int n = 0;
            for (String md : waiting) {
                if (!TagImages.wanted(h, md) && TagImages.cancel(h, md)) n++;
            }
            return n;
        });
    }

    private static List<Tag> tags(Handle h, long repositoryId) {
        return h.createQuery("SELECT t.name, t.digest, m.media_type FROM tags t JOIN manifests m "
                        + "ON m.repository_id = t.repository_id AND m.digest = t.digest WHERE t.repository_id = :repo")
                .bind("repo", repositoryId)
                .map((rs, ctx) -> new Tag(rs.getString("name"), rs.getString("digest"), rs.getString("media_type")))
                .list();
    }

    private record Event(long id, long repositoryId, String tag, String digest, String mediaType, String insight) {}

    private record Tag(String name, String digest, String mediaType) {}
}
