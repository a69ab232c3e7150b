package io.spyglass.server.analysis.reevaluation;

import io.spyglass.server.analysis.result.PackageHolders;
import io.spyglass.server.store.Database;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * The images a re-evaluation reaches through the package versions they hold, in set-based
 * statements: their summaries moved by what changed, who holds a package version, and who gained
 * a critical or high finding.
 */
final class Summaries {
    private Summaries() {}

    /**
     * Adds each package version's change of counts to the summary of every image holding it (once
     * per package row, as the summary counts finding rows). The holders of the package versions
     * whose counts changed are read by index ({@link PackageHolders}, once per re-evaluation), summed
     * here per image, and each image's row updated once by its key in one batch (a join of the
     * change with image_analyses in SQL made SQLite loop over every image per chunk). Returns how
     * many image rows were updated. A moved row is stamped with the data version at once, so
     * {@link #stamp} has only the images the change did not reach left to stamp.
     */
    static long move(Handle h, List<Rematch.Delta> deltas, String dataVersion, PackageHolders holders) {
        Map<Long, Rematch.Delta> byVersion = new HashMap<>();
        for (Rematch.Delta d : deltas) if (!d.isZero()) byVersion.put(d.packageVersion(), d);
        Map<String, long[]> sums = new HashMap<>();
        holders.of(h, byVersion.keySet()).forEach((pv, images) -> {
            Rematch.Delta d = byVersion.get(pv);
            for (String image : images) {
                long[] s = sums.computeIfAbsent(image, x -> new long[6]);
                s[0] += d.critical();
                s[1] += d.high();
                s[2] += d.medium();
                s[3] += d.low();
                s[4] += d.other();
                s[5] += d.fixable();
            }
        });
        if (sums.isEmpty()) return 0;
        long now = Database.now();
        try (PreparedStatement ps = h.getConnection().prepareStatement("UPDATE image_analyses SET critical = critical + ?, "
                + "high = high + ?, medium = medium + ?, low = low + ?, other = other + ?, fixable = fixable + ?, evaluated_at = ?, "
                + "data_version = ? WHERE manifest_digest = ?")) {
            // digest order: concurrent writers of the same rows take their locks in one order
            for (String digest : new TreeSet<>(sums.keySet())) {
                long[] s = sums.get(digest);
                for (int i = 0; i < 6; i++) ps.setLong(i + 1, s[i]);
                ps.setLong(7, now);
                ps.setString(8, dataVersion);
                ps.setString(9, digest);
                ps.addBatch();
            }
            long updated = 0;
            for (int n : ps.executeBatch()) updated += Math.max(n, 0);
            return updated;
        } catch (SQLException e) {
            throw new IllegalStateException("updating summaries failed: " + e.getMessage(), e);
        }
    }

    /**
     * Stamps every analysed image kept current (tagged in a repository with advanced analysis) with
     * the data version and time of this re-evaluation: its report is current to this data whether
     * the change reached it or not. One statement; rows already at this version are left alone, so
     * a job done again writes nothing. Returns how many rows it stamped.
     */
    static long stamp(Handle h, String dataVersion) {
        return h.createUpdate("UPDATE image_analyses SET evaluated_at = :now, data_version = :version "
                        + "WHERE status = 'done' AND (data_version IS NULL OR data_version <> :version) AND manifest_digest IN "
                        + "(SELECT ti.manifest_digest FROM tag_images ti JOIN repositories r ON r.id = ti.repository_id "
                        + "WHERE r.image_insight = 'advanced')")
                .bind("now", Database.now()).bind("version", dataVersion).execute();
    }

    /** The images holding any of these package versions, in digest order. */
    static List<String> holders(Handle h, Collection<Long> versions, PackageHolders holders) {
        TreeSet<String> out = new TreeSet<>();
        for (String[] images : holders.of(h, versions).values()) Collections.addAll(out, images);
        return List.copyOf(out);
    }

    /**
     * The images, tagged in a repository that has webhooks, holding a package version that gained
     * a critical or high finding, with what they gained.
     */
    static Map<String, List<Rematch.Severe>> severeImages(Handle h, Map<Long, List<Rematch.Severe>> severe, PackageHolders holders) {
        Map<String, List<Rematch.Severe>> out = new TreeMap<>();
        if (severe.isEmpty()) return out;
        // the images a webhook watches first (few, or none): the holders are then read by index alone,
        // not each checked against tags and webhooks in SQL (11 s for 20,000 images without a webhook)
        // (the repositories with webhooks first: joined, SQLite walked every tag for each of hundreds of groups)
        List<Long> repositories = h.createQuery("SELECT DISTINCT repository_id FROM webhooks").mapTo(Long.class).list();
        if (repositories.isEmpty()) return out;
        Set<String> watched = new HashSet<>(h.createQuery("SELECT DISTINCT manifest_digest FROM tag_images WHERE repository_id IN (<repositories>)")
                .bindList("repositories", repositories).mapTo(String.class).list());
        if (watched.isEmpty()) return out;
        Map<String, Set<Long>> held = new TreeMap<>();
        holders.of(h, severe.keySet()).forEach((pv, images) -> {
            for (String image : images) if (watched.contains(image)) held.computeIfAbsent(image, x -> new TreeSet<>()).add(pv);
        });
        held.forEach((digest, versions) -> {
            List<Rematch.Severe> added = new ArrayList<>();
            for (long pv : versions) added.addAll(severe.get(pv));
            out.put(digest, added);
        });
        return out;
    }
}
