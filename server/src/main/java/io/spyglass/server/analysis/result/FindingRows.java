package io.spyglass.server.analysis.result;

import io.spyglass.server.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Writes finding and history rows in JDBC batches on the handle's connection, inside its
 * transaction. Plain JDBC because a re-evaluation can write hundreds of thousands of rows, and
 * Jdbi's per-value argument lookup costs about as much as the database's insert itself.
 */
public final class FindingRows {
    private static final int BATCH = 1_000;

    /** A finding of an image. */
    public record Row(String digest, StoredFinding finding) {}

    /** A finding added to or removed from an image, and why. */
    public record History(String digest, StoredFinding finding, String packageName, String packageVersion, String change, String reason) {}

    private interface Binder<T> {
        void bind(PreparedStatement ps, T row) throws SQLException;
    }

    private FindingRows() {}

    /** Inserts findings, or replaces their details when the package already has that vulnerability. */
    public static void upsert(Handle h, List<Row> rows) {
        batch(h, "INSERT INTO findings (manifest_digest, pkg, vulnerability_id, advisory_id, source, namespace, severity, cvss, "
                + "fixed_version, affected_range, uncertain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (manifest_digest, pkg, vulnerability_id) DO UPDATE SET advisory_id = excluded.advisory_id, "
                + "source = excluded.source, namespace = excluded.namespace, severity = excluded.severity, cvss = excluded.cvss, "
                + "fixed_version = excluded.fixed_version, affected_range = excluded.affected_range, uncertain = excluded.uncertain",
                rows, (ps, r) -> {
                    StoredFinding f = r.finding();
                    ps.setString(1, r.digest());
                    ps.setLong(2, f.pkg());
                    ps.setString(3, f.vulnerabilityId());
                    ps.setString(4, f.advisoryId());
                    ps.setString(5, f.source());
                    ps.setString(6, f.namespace());
                    ps.setString(7, f.severity());
                    ps.setString(8, f.cvss());
                    ps.setString(9, f.fixedVersion());
                    ps.setString(10, f.range());
                    ps.setLong(11, f.uncertain() ? 1 : 0);
                });
    }

    public static void delete(Handle h, List<Row> rows) {
        batch(h, "DELETE FROM findings WHERE manifest_digest = ? AND pkg = ? AND vulnerability_id = ?", rows, (ps, r) -> {
            ps.setString(1, r.digest());
            ps.setLong(2, r.finding().pkg());
            ps.setString(3, r.finding().vulnerabilityId());
        });
    }

    /** Appends history rows (ids taken in one block) for change set {@code changeSetId} (0: a repair). */
    public static void history(Handle h, List<History> rows, long changeSetId) {
        if (rows.isEmpty()) return;
        long[] id = {Database.nextIds(h, "finding_history", rows.size())};
        long at = Database.now();
        batch(h, "INSERT INTO finding_history (id, manifest_digest, vulnerability_id, package_name, package_version, severity, "
                + "change, reason, advisory_id, change_set_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows, (ps, r) -> {
                    ps.setLong(1, id[0]++);
                    ps.setString(2, r.digest());
                    ps.setString(3, r.finding().vulnerabilityId());
                    ps.setString(4, r.packageName());
                    ps.setString(5, r.packageVersion());
                    ps.setString(6, r.finding().severity());
                    ps.setString(7, r.change());
                    ps.setString(8, r.reason());
                    ps.setString(9, r.finding().advisoryId());
                    ps.setLong(10, changeSetId);
                    ps.setLong(11, at);
                });
    }

    private static <T> void batch(Handle h, String sql, List<T> rows, Binder<T> binder) {
        if (rows.isEmpty()) return;
        Connection c = h.getConnection();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int pending = 0;
            for (T row : rows) {
                binder.bind(ps, row);
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("writing findings failed: " + e.getMessage(), e);
        }
    }
}
