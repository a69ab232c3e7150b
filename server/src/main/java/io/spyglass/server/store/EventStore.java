package io.spyglass.server.store;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The events table: one row per tag push, written in the same transaction as the tag. Ids come
 * from {@link Database#nextId} under the sequence row's lock, so they grow in commit order and a
 * consumer can keep a cursor ("everything after id N").
 */
public final class EventStore {
    public static final String TAG_PUSHED = "tag_pushed";

    private final Database db;

    public EventStore(Database db) {
        this.db = db;
    }

    static long insert(Handle h, long repositoryId, String repository, String tag, String digest, String mediaType, String actor) {
        long id = Database.nextId(h, "events");
        h.createUpdate("INSERT INTO events (id, kind, repository_id, repository, tag, digest, media_type, actor, created_at) "
                        + "VALUES (:id, :kind, :repo, :repository, :tag, :digest, :mt, :actor, :now)")
                .bind("id", id).bind("kind", TAG_PUSHED).bind("repo", repositoryId).bind("repository", repository)
                .bind("tag", tag).bind("digest", digest).bind("mt", mediaType).bind("actor", actor)
                .bind("now", Database.now()).execute();
        return id;
    }

    /** Tag-pushed events with id greater than {@code afterId}, oldest first. */
    public List<TagPushed> tagPushedAfter(long afterId, int limit) {
        return db.withHandle(h -> h.createQuery("SELECT id, repository_id, repository, tag, digest, media_type, actor, created_at "
                        + "FROM events WHERE kind = :kind AND id > :after ORDER BY id LIMIT :limit")
                .bind("kind", TAG_PUSHED).bind("after", afterId).bind("limit", limit)
                .map((rs, ctx) -> new TagPushed(rs.getLong("id"), rs.getLong("repository_id"), rs.getString("repository"),
                        rs.getString("tag"), rs.getString("digest"), rs.getString("media_type"), rs.getString("actor"),
                        rs.getLong("created_at")))
                .list());
    }
}
