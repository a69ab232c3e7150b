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
    private final Digests digests = new Digests();

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
            out.add(digests.intern(joined, from, to));
            from = to + 1;
        }
        return out.toArray(String[]::new);
    }

    /**
     * Each image's digest kept once, found by the characters of the joined list without copying
     * them: the same few thousand digests come back hundreds of thousands of times, and a substring
     * for each (to look it up in a map) was most of the time of reading them.
     */
    private static final class Digests {
        private String[] table = new String[1 << 12];
        private int size;

        String intern(String s, int from, int to) {
            int mask = table.length - 1;
            for (int i = hash(s, from, to) & mask; ; i = (i + 1) & mask) {
                String kept = table[i];
                if (kept == null) {
                    kept = s.substring(from, to);
                    table[i] = kept;
                    if (++size * 2 > table.length) grow();
                    return kept;
                }
                if (kept.length() == to - from && s.regionMatches(from, kept, 0, to - from)) return kept;
            }
        }

        /** Over the last few characters only: a digest's hex is already uniformly spread. */
        private static int hash(String s, int from, int to) {
            int h = 0;
            for (int i = Math.max(from, to - 12); i < to; i++) h = 31 * h + s.charAt(i);
            return h ^ (h >>> 16);
        }

        private void grow() {
            String[] old = table;
            table = new String[old.length * 2];
            int mask = table.length - 1;
            for (String kept : old) {
                if (kept == null) continue;
                int i = hash(kept, 0, kept.length()) & mask;
                while (table[i] != null) i = (i + 1) & mask;
                table[i] = kept;
            }
        }
    }
}
