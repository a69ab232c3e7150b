package io.spyglass.server.analysis.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.advisory.PackageKey;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.match.MatchKeys;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * Reads stored package versions to match again, in sets. First which: index-only scans of the
 * package version keys for a change set's keys and of the package findings for its
 * vulnerabilities. Then those package versions with their match keys and current findings, 500
 * per query. The cost grows with the number of distinct package versions a change reaches, never
 * with the number of images holding them.
 */
public final class StoredPackages {
    /** A stored package version: its id, the keys the engine matches it under (in its order), its findings now. */
    public record Target(long packageVersion, Package pkgData, List<MatchKeys.Key> keys, Map<String, StoredFinding> before) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    // package versions matched again: shared ones, and private ones (a basic scan) of an image a repository
    // with advanced analysis holds now; either held by some image
    private static final String LIVE = "(pv.private_to IS NULL OR EXISTS (SELECT 1 FROM tag_images ti JOIN repositories r "
            + "ON r.id = ti.repository_id WHERE ti.manifest_digest = pv.private_to AND r.image_insight = 'advanced')) "
            + "AND EXISTS (SELECT 1 FROM image_packages ip WHERE ip.package_version = pv.id)";

    private StoredPackages() {}

    /** The digests of images tagged in a repository with advanced analysis: the ones whose reports are kept current. */
    public static Set<String> advancedImages(Handle h) {
        return new LinkedHashSet<>(h.createQuery("SELECT DISTINCT ti.manifest_digest FROM tag_images ti "
                        + "JOIN repositories r ON r.id = ti.repository_id WHERE r.image_insight = 'advanced'")
                .mapTo(String.class).list());
    }

    /** Every package version kept current (repair). */
    public static SortedSet<Long> allVersions(Handle h) {
        SortedSet<Long> out = new TreeSet<>();
        query(h, "SELECT pv.id FROM package_versions pv WHERE " + LIVE, List.of(), rs -> out.add(rs.getLong(1)));
        return out;
    }

    /**
     * The package versions a change set reaches: {@code versions} are indexed under a key
     * {@code changed} reaches ({@link MatchKeys#reachedBy}) or hold a finding of one of
     * {@code vulnerabilities}; {@code byFinding} are those of the second kind, which must be matched
     * again (one source's record can change the severity of a vulnerability another source matched
     * under another key). The others need matching only where a changed advisory could match them.
     * Whether each is kept current is not checked here: {@link #live} checks the few that are
     * matched again (a key like a Debian package name reaches tens of thousands of versions, of
     * which a changed range matches a tenth).
     */
    public record Affected(SortedSet<Long> versions, Set<Long> byFinding) {}

    public static Affected affected(Handle h, Collection<PackageKey> changed, Collection<String> vulnerabilities) {
        SortedSet<Long> candidates = new TreeSet<>();
        Map<String, List<String>> byNamespace = new TreeMap<>();
        // a changed group:artifact also reaches jars of unknown group, indexed under the artifactId alone
        Set<PackageKey> reached = new TreeSet<>();
        for (PackageKey k : changed) reached.addAll(MatchKeys.reachedBy(k));
        for (PackageKey k : reached) byNamespace.computeIfAbsent(k.namespace(), x -> new ArrayList<>()).add(k.name());
        byNamespace.forEach((ns, names) -> {
            for (List<String> chunk : Chunks.of(names)) {
                List<Object> params = new ArrayList<>(chunk);
                params.add(0, ns);
                query(h, "SELECT package_version FROM package_version_keys WHERE namespace = ? AND name IN (" + marks(chunk.size()) + ")",
                        params, rs -> candidates.add(rs.getLong(1)));
            }
        });
        Set<Long> byFinding = new HashSet<>();
        for (List<String> chunk : Chunks.of(vulnerabilities)) {
            query(h, "SELECT package_version FROM package_findings WHERE vulnerability_id IN (" + marks(chunk.size()) + ")",
                    List.copyOf(chunk), rs -> byFinding.add(rs.getLong(1)));
        }
        candidates.addAll(byFinding);
        return new Affected(candidates, byFinding);
    }

    /** Those of these package versions kept current: held by an image, and shared or private to an image kept current. */
    public static Set<Long> live(Handle h, Collection<Long> versions) {
        Set<Long> out = new HashSet<>();
        for (List<Long> chunk : Chunks.of(new TreeSet<>(versions))) {
            query(h, "SELECT pv.id FROM package_versions pv WHERE pv.id IN (" + marks(chunk.size()) + ") AND " + LIVE,
                    List.copyOf(chunk), rs -> out.add(rs.getLong(1)));
        }
        return out;
    }

    /**
     * The vulnerabilities under which any of these advisories matched a stored finding (a finding
     * lists every advisory merged into it). One scan of the package findings: asked only for
     * change sets that remove or withdraw records.
     */
    public static Set<String> vulnerabilitiesMatchedBy(Handle h, Set<String> advisoryIds) {
        Set<String> out = new TreeSet<>();
        query(h, "SELECT DISTINCT vulnerability_id, advisory_id FROM package_findings", List.of(), rs -> {
            for (String id : rs.getString(2).split(StoredFinding.SEPARATOR)) {
                if (advisoryIds.contains(id)) {
                    out.add(rs.getString(1));
                    return;
                }
            }
        });
        return out;
    }

    /** These package versions with their keys, 500 per query; their findings are read by {@link #readFindings}. */
    public static List<Target> load(Handle h, Collection<Long> versions) {
        Map<String, List<MatchKeys.Key>> parsed = new HashMap<>(); // many package versions share their keys' text
        List<Target> out = new ArrayList<>();
        List<Target> legacy = new ArrayList<>();
        for (List<Long> chunk : Chunks.of(versions)) {
            query(h, "SELECT id, type, name, version, match_keys FROM package_versions WHERE id IN (" + marks(chunk.size()) + ")",
                    List.copyOf(chunk), rs -> {
                        String json = rs.getString(5);
                        List<MatchKeys.Key> keys = json == null || json.isEmpty() ? new ArrayList<>() : parsed.computeIfAbsent(json, StoredPackages::keys);
                        // the matcher reads type, name and version only
                        Package p = new Package(PackageType.parse(rs.getString(2)), rs.getString(3), rs.getString(4), null, null, null,
                                List.of(), List.of());
                        Target t = new Target(rs.getLong(1), p, keys, new HashMap<>());
                        out.add(t);
                        if (json == null || json.isEmpty()) legacy.add(t);
                    });
        }
        if (!legacy.isEmpty()) readOldKeys(h, legacy);
        return out;
    }

    /** Fills each target's {@code before} with its findings as stored now. */
    public static void readFindings(Handle h, List<Target> targets) {
        Map<Long, Target> byId = new HashMap<>();
        for (Target t : targets) byId.put(t.packageVersion(), t);
        for (List<Long> chunk : Chunks.of(byId.keySet())) {
            query(h, "SELECT package_version, vulnerability_id, advisory_id, source, namespace, severity, cvss, fixed_version, "
                    + "affected_range, uncertain FROM package_findings WHERE package_version IN (" + marks(chunk.size()) + ")",
                    List.copyOf(chunk), rs -> {
                        Target t = byId.get(rs.getLong(1));
                        String id = rs.getString(2);
                        t.before().put(id, new StoredFinding(0, id, rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getLong(10) != 0));
                    });
        }
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    // plain JDBC: Jdbi's mapping by column name costs more than SQLite's reading the row
    private static void query(Handle h, String sql, List<?> params, Row row) {
        try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) row.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading stored packages failed: " + e.getMessage(), e);
        }
    }

    /** The stored form of a package's match keys: json {@code [[namespace, name, matchedBy], …]}. */
    public static String keysJson(List<MatchKeys.Key> keys) {
        List<List<String>> out = new ArrayList<>();
        for (MatchKeys.Key k : keys) out.add(List.of(k.key().namespace(), k.key().name(), k.matchedBy()));
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<MatchKeys.Key> keys(String json) {
        List<MatchKeys.Key> out = new ArrayList<>();
        try {
            for (String[] k : JSON.readValue(json, String[][].class)) out.add(new MatchKeys.Key(new PackageKey(k[0], k[1]), k[2]));
            return List.copyOf(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored match keys are not json: " + json, e);
        }
    }

    /**
     * Package versions stored before V7 have no match keys of their own: they are matched under
     * their key rows (an OS package's key is its source package when it names another package).
     */
    private static void readOldKeys(Handle h, List<Target> legacy) {
        Map<Long, Target> byId = new HashMap<>();
        for (Target t : legacy) byId.put(t.packageVersion(), t);
        for (List<Long> chunk : Chunks.of(byId.keySet())) {
            query(h, "SELECT package_version, namespace, name FROM package_version_keys WHERE package_version IN (" + marks(chunk.size())
                    + ") ORDER BY package_version, name", List.copyOf(chunk), rs -> {
                        Target t = byId.get(rs.getLong(1));
                        String name = rs.getString(3);
                        boolean source = t.pkgData().type().isOsPackage() && !name.equals(t.pkgData().name());
                        MatchKeys.Key key = new MatchKeys.Key(new PackageKey(rs.getString(2), name), source ? "source-package" : "direct");
                        if (source) t.keys().add(0, key);
                        else t.keys().add(key);
                    });
        }
    }
}
