package io.spyglass.server.analysis.result;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * The images holding package versions, read by index ({@code image_packages_version}) at most once
 * per re-evaluation: the summaries, the webhooks and the policies of one change set all ask for the
 * holders of the same shared package versions (a base image's package is held by thousands of
 * images), and reading those pairs was most of a change set's cost. Each image's digest is kept
 * once. Not thread-safe: one re-evaluation's writer uses it.
 */
public final class PackageHolders {
    private static final String[] NONE = new String[0];

    private final Map<Long, String[]> byVersion = new HashMap<>();
    private final Map<String, String> digests = new HashMap<>();

    /** The holders of each of these package versions (none: an empty array), reading only those not read before. */
    public Map<Long, String[]> of(Handle h, Collection<Long> versions) {
        List<Long> missing = new ArrayList<>();
        for (Long v : versions) if (!byVersion.containsKey(v)) missing.add(v);
        for (List<Long> chunk : Chunks.of(new TreeSet<>(missing))) read(h, chunk);
        Map<Long, String[]> out = new HashMap<>();
        for (Long v : versions) out.put(v, byVersion.get(v));
        return out;
    }

    private void read(Handle h, List<Long> chunk) {
        // one row per package version, its holders joined by the database (string_agg: SQLite 3.44+
        // and PostgreSQL): a row per (package version, image) pair cost three JDBC calls each, and the
        // changed base-image packages of a change set have hundreds of thousands of such pairs
        String sql = "SELECT package_version, string_agg(manifest_digest, ',') FROM image_packages WHERE package_version IN ("
                + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ") GROUP BY package_version";
        for (Long v : chunk) byVersion.put(v, NONE);
        try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < chunk.size(); i++) ps.setLong(i + 1, chunk.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) byVersion.put(rs.getLong(1), split(rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading package holders failed: " + e.getMessage(), e);
        }
    }

    /** The digests of one joined list, each image's digest kept once ({@code ,} never occurs in a digest). */
    private String[] split(String joined) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (from < joined.length()) {
            int comma = joined.indexOf(',', from);
            int to = comma < 0 ? joined.length() : comma;
            // once per package row (an image may hold a package version in two rows): summaries count rows
            out.add(digests.computeIfAbsent(joined.substring(from, to), d -> d));
            from = to + 1;
        }
        return out.toArray(String[]::new);
    }
}
