package io.spyglass.server.store;

import java.util.List;

/**
 * Tags as the pages list them: with digest, media type, pushed time and image size (the sum of the
 * blobs the manifest, or each manifest of an index, refers to).
 */
public final class TagListing {
    private static final String SIZE = "(SELECT COALESCE(SUM(b.size), 0) FROM manifest_references r JOIN blobs b ON b.digest = r.child_digest "
            + "WHERE r.repository_id = t.repository_id AND r.kind = 'blob' AND (r.parent_digest = t.digest OR r.parent_digest IN "
            + "(SELECT c.child_digest FROM manifest_references c WHERE c.repository_id = t.repository_id "
            + "AND c.parent_digest = t.digest AND c.kind = 'manifest')))";

    private final Database db;

    public TagListing(Database db) {
        this.db = db;
    }

    public enum Order { NAME, PUSHED }

    /** One tag; {@code size} is the compressed size of config and layers, all platforms together. */
    public record TagInfo(String name, String digest, String mediaType, long pushedAt, long size) {}

    /** Tags of a repository, newest first or by name, {@code limit} from {@code offset}. */
    public List<TagInfo> tags(long repositoryId, Order order, int offset, int limit) {
        String orderBy = order == Order.NAME ? "t.name ASC" : "t.updated_at DESC, t.name ASC";
        return db.withHandle(h -> h.createQuery("SELECT t.name, t.digest, m.media_type, t.updated_at, " + SIZE + " AS size "
                        + "FROM tags t JOIN manifests m ON m.repository_id = t.repository_id AND m.digest = t.digest "
                        + "WHERE t.repository_id = :repo ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset")
                .bind("repo", repositoryId).bind("limit", limit).bind("offset", offset)
                .map((rs, ctx) -> new TagInfo(rs.getString("name"), rs.getString("digest"), rs.getString("media_type"),
                        rs.getLong("updated_at"), rs.getLong("size")))
                .list());
    }

    public java.util.Optional<TagInfo> tag(long repositoryId, String name) {
        return db.withHandle(h -> h.createQuery("SELECT t.name, t.digest, m.media_type, t.updated_at, " + SIZE + " AS size "
                        + "FROM tags t JOIN manifests m ON m.repository_id = t.repository_id AND m.digest = t.digest "
                        + "WHERE t.repository_id = :repo AND t.name = :name")
                .bind("repo", repositoryId).bind("name", name)
                .map((rs, ctx) -> new TagInfo(rs.getString("name"), rs.getString("digest"), rs.getString("media_type"),
                        rs.getLong("updated_at"), rs.getLong("size")))
                .findOne());
    }

    public int count(long repositoryId) {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM tags WHERE repository_id = :repo")
                .bind("repo", repositoryId).mapTo(Integer.class).one());
    }

    /** The newest push time of a repository, or 0 when it has no tags. */
    public long lastPushed(long repositoryId) {
        return db.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(updated_at), 0) FROM tags WHERE repository_id = :repo")
                .bind("repo", repositoryId).mapTo(Long.class).one());
    }
}
