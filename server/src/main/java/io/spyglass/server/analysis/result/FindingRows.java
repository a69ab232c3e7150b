package io.spyglass.server.analysis.result;

import io.spyglass.server.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Writes package versions' finding and history rows in JDBC batches on the handle's connection, inside its
 * transaction. Plain JDBC because a re-evaluation can write hundreds of thousands of rows, and
 * Jdbi's per-value argument lookup costs about as much as the database's insert itself.
 */
public final class FindingRows {
    private static final int BATCH = 1_000;

    /** A finding of a package version. */
    public record Row(long packageVersion, StoredFinding finding) {}

    /** A finding added to or removed from a package version, and why (shown in the history of every image holding it). */
    public record History(long packageVersion, StoredFinding finding, String change, String reason) {}

    private interface Binder<T> {
        void bind(PreparedStatement ps, T row) throws SQLException;
    }

    private FindingRows() {}

    /** Inserts findings, or replaces their details when the package already has that vulnerability. */
    public static void upsert(Handle h, List<Row> rows) {
        batch(h, "INSERT INTO package_findings (package_version, vulnerability_id, advisory_id, source, namespace, severity, cvss, "
                + "fixed_version, affected_range, uncertain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (package_version, vulnerability_id) DO UPDATE SET advisory_id = excluded.advisory_id, "
                + "source = excluded.source, namespace = excluded.namespace, severity = excluded.severity, cvss = excluded.cvss, "
                + "fixed_version = excluded.fixed_version, affected_range = excluded.affected_range, uncertain = excluded.uncertain",
                rows, (ps, r) -> {
                    StoredFinding f = r.finding();
                    ps.setLong(1, r.packageVersion());
                    ps.setString(2, f.vulnerabilityId());
                    ps.setString(3, f.advisoryId());
                    ps.setString(4, f.source());
                    ps.setString(5, f.namespace());
                    ps.setString(6, f.severity());
                    ps.setString(7, f.cvss());
                    ps.setString(8, f.fixedVersion());
                    ps.setString(9, f.range());
                    ps.setLong(10, f.uncertain() ? 1 : 0);
                });
    }

    public static void delete(Handle h, List<Row> rows) {
        batch(h, "DELETE FROM package_findings WHERE package_version = ? AND vulnerability_id = ?", rows, (ps, r) -> {
            ps.setLong(1, r.packageVersion());
            ps.setString(2, r.finding().vulnerabilityId());
        });
    }

    /** Appends history rows (ids taken in one block) for change set {@code changeSetId} (0: a repair). */
    public static void history(Handle h, List<History> rows, long changeSetId) {
        if (rows.isEmpty()) return;
        long[] id = {Database.nextIds(h, "finding_history", rows.size())};
        long at = Database.now();
        // ids from the finding_history sequence: the finding_history view unions these with the rows stored before V15
        batch(h, "INSERT INTO package_history (id, package_version, vulnerability_id, severity, change, reason, advisory_id, "
                + "change_set_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows, (ps, r) -> {
                    ps.setLong(1, id[0]++);
                    ps.setLong(2, r.packageVersion());
                    ps.setString(3, r.finding().vulnerabilityId());
                    ps.setString(4, r.finding().severity());
                    ps.setString(5, r.change());
                    ps.setString(6, r.reason());
                    ps.setString(7, r.finding().advisoryId());
                    ps.setLong(8, changeSetId);
                    ps.setLong(9, at);
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
