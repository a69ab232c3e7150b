package io.spyglass.server.analysis.policy;

import io.spyglass.server.analysis.report.ReportModel.HistoryEntry;
import io.spyglass.server.store.Database;
import io.spyglass.policy.PolicyResult;
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

    static void record(Handle h, String namespace, String digest, String previous, PolicyResult now) {
        h.createUpdate("INSERT INTO policy_history (id, namespace, manifest_digest, policy, previous, status, details, created_at) "
                        + "VALUES (:id, :ns, :md, :policy, :previous, :status, :details, :now)")
                .bind("id", Database.nextId(h, "policy_history")).bind("ns", namespace).bind("md", digest)
                .bind("policy", now.name()).bind("previous", previous).bind("status", now.status().id())
                .bind("details", now.details()).bind("now", Database.now()).execute();
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
