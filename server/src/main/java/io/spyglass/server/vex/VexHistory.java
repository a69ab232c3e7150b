package io.spyglass.server.vex;

import io.spyglass.server.analysis.report.ReportModel.HistoryEntry;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** What VEX documents changed in a tag's findings, for the tag's history (repository's own entries only). */
public final class VexHistory {
    private VexHistory() {}

    public static List<HistoryEntry> of(Handle h, long repositoryId, String tag) {
        return h.createQuery("SELECT vh.* FROM vex_history vh JOIN tag_images ti ON ti.manifest_digest = vh.manifest_digest "
                        + "AND ti.repository_id = vh.repository_id WHERE ti.repository_id = :r AND ti.tag = :tag "
                        + "ORDER BY vh.created_at DESC, vh.id DESC")
                .bind("r", repositoryId).bind("tag", tag)
                .map((rs, ctx) -> new HistoryEntry(rs.getLong("created_at"), rs.getString("manifest_digest"),
                        rs.getString("vulnerability_id"), rs.getString("package_name"), rs.getString("package_version"),
                        rs.getString("change"), rs.getString("reason"), null))
                .list();
    }
}
