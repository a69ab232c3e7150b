package io.spyglass.server.analysis.report;

import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.Database;
import java.util.List;

/** Reads what {@link SeverityTrend} is drawn from: the analysed images tagged in a repository and their finding history. */
final class RepositoryTrends {
    private final Database db;

    RepositoryTrends(Database db) {
        this.db = db;
    }

    /** The trend of the images tagged in {@code repo} now; empty when analysis is off. The caller checked the viewer may pull it. */
    SeverityTrend of(Repository repo) {
        if (repo.imageInsight().equals("none")) return new SeverityTrend(List.of());
        return db.withHandle(h -> {
            List<SeverityTrend.Image> images = h.createQuery("SELECT DISTINCT a.manifest_digest, a.analysed_at, a.critical, a.high, "
                            + "a.medium, a.low, a.other FROM tag_images ti JOIN image_analyses a ON a.manifest_digest = ti.manifest_digest "
                            + "WHERE ti.repository_id = :repo AND a.status = 'done' AND a.analysed_at IS NOT NULL")
                    .bind("repo", repo.id())
                    .map((rs, ctx) -> new SeverityTrend.Image(rs.getString(1), rs.getLong(2),
                            List.of(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7))))
                    .list();
            List<SeverityTrend.Change> changes = h.createQuery("SELECT fh.manifest_digest, fh.created_at, fh.severity, fh.change "
                            + "FROM finding_history fh WHERE fh.manifest_digest IN (SELECT manifest_digest FROM tag_images "
                            + "WHERE repository_id = :repo)")
                    .bind("repo", repo.id())
                    .map((rs, ctx) -> new SeverityTrend.Change(rs.getString(1), rs.getLong(2), rs.getString(3),
                            "added".equals(rs.getString(4))))
                    .list();
            return SeverityTrend.of(images, changes, Database.now());
        });
    }
}
