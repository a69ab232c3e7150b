package io.spyglass.server.analysis.policy;

import io.spyglass.server.analysis.report.ReportModel.HistoryEntry;
import io.spyglass.server.store.Database;
import io.spyglass.policy.PolicyResult;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Verdicts that changed, kept in policy_history and shown in the tag's history beside finding
 * changes: {@code vulnerabilityId} is {@code policy:<name>}, {@code change} is {@code policy <status>},
 * {@code reason} says what it was before and why it is what it is now.
 */
public final class PolicyHistory {
    public static final String PREFIX = "policy:";

    private PolicyHistory() {}

    /** A verdict whose status moved on one image in one namespace. */
    record Moved(String namespace, String digest, String previous, PolicyResult now) {}

    static void record(Handle h, String namespace, String digest, String previous, PolicyResult now) {
        record(h, List.of(new Moved(namespace, digest, previous, now)));
    }

    /**
     * Records these in one batch, their ids taken as one block, bound by plain JDBC: a change set can
     * move one verdict on each of 20,000 images, and binding by name cost more than the inserts.
     */
    static void record(Handle h, List<Moved> moved) {
        if (moved.isEmpty()) return;
        long id = Database.nextIds(h, "policy_history", moved.size());
        long now = Database.now();
        try (PreparedStatement insert = h.getConnection().prepareStatement("INSERT INTO policy_history (id, namespace, manifest_digest, "
                + "policy, previous, status, details, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Moved m : moved) {
                insert.setLong(1, id++);
                insert.setString(2, m.namespace());
                insert.setString(3, m.digest());
                insert.setString(4, m.now().name());
                insert.setString(5, m.previous());
                insert.setString(6, m.now().status().id());
                insert.setString(7, m.now().details());
                insert.setLong(8, now);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("recording policy history failed: " + e.getMessage(), e);
        }
    }

    /** The policy changes of a tag's images under its repository's namespace, newest first. */
    public static List<HistoryEntry> entries(Handle h, long repositoryId, String namespace, String tag) {
        return h.createQuery("SELECT ph.* FROM policy_history ph JOIN tag_images ti ON ti.manifest_digest = ph.manifest_digest "
                        + "WHERE ti.repository_id = :repo AND ti.tag = :tag AND ph.namespace = :ns ORDER BY ph.created_at DESC, ph.id DESC")
                .bind("repo", repositoryId).bind("tag", tag).bind("ns", namespace)
                .map((rs, ctx) -> new HistoryEntry(rs.getLong("created_at"), rs.getString("manifest_digest"),
                        PREFIX + rs.getString("policy"), "", null, "policy " + rs.getString("status"),
                        "was " + rs.getString("previous") + ": " + rs.getString("details"), null))
                .list();
    }
}
