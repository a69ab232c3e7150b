package io.spyglass.server.analysis.reevaluation;

import io.spyglass.server.analysis.result.Chunks;
import io.spyglass.server.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * The images a re-evaluation reaches through the package versions they hold, in set-based
 * statements: their summaries moved by what changed, who holds a package version, and who gained
 * a critical or high finding.
 */
final class Summaries {
    private static final int CHUNK = 500;

    private Summaries() {}

    /**
     * Adds each package version's change of counts to the summary of every image holding it (once
     * per package row, as the summary counts finding rows) and stamps those images with the data
     * version (a zero change still stamps it: the report is current to this data): one statement per {@value #CHUNK} package versions. Returns how many image rows were updated.
     */
    static long move(Handle h, List<Rematch.Delta> deltas, String dataVersion) {
        long now = Database.now();
        long updated = 0;
        for (List<Rematch.Delta> chunk : Chunks.of(deltas, CHUNK)) {
            String values = String.join(", ", Collections.nCopies(chunk.size(),
                    "(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT))"));
            String sql = "WITH d (pv, c, h, m, l, o, f) AS (VALUES " + values + ") "
                    + "UPDATE image_analyses SET critical = critical + s.c, high = high + s.h, medium = medium + s.m, low = low + s.l, "
                    + "other = other + s.o, fixable = fixable + s.f, evaluated_at = ?, data_version = ? "
                    // CROSS JOIN keeps SQLite's loop order: each package version, then its holders by index (not a scan of every package row)
                    + "FROM (SELECT ip.manifest_digest AS md, SUM(d.c) AS c, SUM(d.h) AS h, SUM(d.m) AS m, SUM(d.l) AS l, SUM(d.o) AS o, "
                    + "SUM(d.f) AS f FROM d CROSS JOIN image_packages ip WHERE ip.package_version = d.pv GROUP BY ip.manifest_digest) s "
                    + "WHERE image_analyses.manifest_digest = s.md";
            try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
                int i = 1;
                for (Rematch.Delta d : chunk) {
                    ps.setLong(i++, d.packageVersion());
                    ps.setLong(i++, d.critical());
                    ps.setLong(i++, d.high());
                    ps.setLong(i++, d.medium());
                    ps.setLong(i++, d.low());
                    ps.setLong(i++, d.other());
                    ps.setLong(i++, d.fixable());
                }
                ps.setLong(i++, now);
                ps.setString(i, dataVersion);
                updated += ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("updating summaries failed: " + e.getMessage(), e);
            }
        }
        return updated;
    }

    /** The images holding any of these package versions, in digest order. */
    static List<String> holders(Handle h, Collection<Long> versions) {
        TreeSet<String> out = new TreeSet<>();
        for (List<Long> chunk : Chunks.of(versions, CHUNK)) {
            query(h, "SELECT DISTINCT manifest_digest FROM image_packages WHERE package_version IN (" + marks(chunk.size()) + ")", chunk,
                    rs -> out.add(rs.getString(1)));
        }
        return List.copyOf(out);
    }

    /**
     * The images, tagged in a repository that has webhooks, holding a package version that gained
     * a critical or high finding, with what they gained.
     */
    static Map<String, List<String>> severeImages(Handle h, Map<Long, List<String>> severe) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (severe.isEmpty()) return out;
        for (List<Long> chunk : Chunks.of(severe.keySet(), CHUNK)) {
            query(h, "SELECT DISTINCT ip.manifest_digest, ip.package_version FROM image_packages ip WHERE ip.package_version IN ("
                    + marks(chunk.size()) + ") AND EXISTS (SELECT 1 FROM tag_images ti JOIN webhooks w ON w.repository_id = ti.repository_id "
                    + "WHERE ti.manifest_digest = ip.manifest_digest) ORDER BY ip.manifest_digest, ip.package_version", chunk,
                    rs -> out.computeIfAbsent(rs.getString(1), x -> new ArrayList<>()).addAll(severe.get(rs.getLong(2))));
        }
        return out;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Handle h, String sql, List<Long> params, Row row) {
        try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) ps.setLong(i + 1, params.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) row.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading package holders failed: " + e.getMessage(), e);
        }
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
