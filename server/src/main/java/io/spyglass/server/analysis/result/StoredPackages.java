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
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * Reads stored packages to match again, in sets. First which packages: index-only scans of the
 * package index for a change set's keys and of the findings for its vulnerabilities. Then those
 * packages with their match keys and current findings, 500 images per query. The number of
 * queries grows with the number of keys and images, never with the number of packages.
 */
public final class StoredPackages {
    /** A stored package: its row, the keys the engine matches it under (in its order), its findings now. */
    public record Target(String digest, long pkg, Package pkgData, List<MatchKeys.Key> keys, Map<String, StoredFinding> before) {}

    private record Ref(String digest, long pkg) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    // below this many packages per image a chunk is read by (image, package) pairs; above it, whole images
    private static final int SPARSE = 16;

    private StoredPackages() {}

    /** The digests of images tagged in a repository with advanced analysis: the only ones re-evaluated. */
    public static Set<String> advancedImages(Handle h) {
        return new LinkedHashSet<>(h.createQuery("SELECT DISTINCT ti.manifest_digest FROM tag_images ti "
                        + "JOIN repositories r ON r.id = ti.repository_id WHERE r.image_insight = 'advanced'")
                .mapTo(String.class).list());
    }

    /**
     * Which packages of {@code images} to match again (image → package numbers): those indexed
     * under any key {@code changed} reaches ({@link MatchKeys#reachedBy}), and those with a finding of any of {@code vulnerabilities} (one
     * source's record can change the severity of a vulnerability another source matched under
     * another key). Index-only scans; images in digest order.
     */
    public static SortedMap<String, Set<Long>> affected(Handle h, Collection<PackageKey> changed, Collection<String> vulnerabilities,
                                                 Set<String> images) {
        Map<String, Set<Long>> refs = new HashMap<>();
        Row collect = rs -> {
            String digest = rs.getString(1);
            if (images.contains(digest)) refs.computeIfAbsent(digest, x -> new HashSet<>()).add(rs.getLong(2));
        };
        Map<String, List<String>> byNamespace = new TreeMap<>();
        // a changed group:artifact also reaches jars of unknown group, indexed under the artifactId alone
        Set<PackageKey> reached = new TreeSet<>();
        for (PackageKey k : changed) reached.addAll(MatchKeys.reachedBy(k));
        for (PackageKey k : reached) byNamespace.computeIfAbsent(k.namespace(), x -> new ArrayList<>()).add(k.name());
        byNamespace.forEach((ns, names) -> {
            for (List<String> chunk : Chunks.of(names)) {
                List<Object> params = new ArrayList<>(chunk);
                params.add(0, ns);
                query(h, "SELECT manifest_digest, pkg FROM package_keys WHERE namespace = ? AND name IN (" + marks(chunk.size()) + ")",
                        params, collect);
            }
        });
        for (List<String> chunk : Chunks.of(vulnerabilities)) {
            query(h, "SELECT manifest_digest, pkg FROM findings WHERE vulnerability_id IN (" + marks(chunk.size()) + ")",
                    List.copyOf(chunk), collect);
        }
        return new TreeMap<>(refs);
    }

    /**
     * The vulnerabilities under which any of these advisories matched a stored finding (a finding
     * lists every advisory merged into it). One scan of the findings: asked only for change sets
     * that remove or withdraw records.
     */
    public static Set<String> vulnerabilitiesMatchedBy(Handle h, Set<String> advisoryIds) {
        Set<String> out = new TreeSet<>();
        query(h, "SELECT DISTINCT vulnerability_id, advisory_id FROM findings", List.of(), rs -> {
            for (String id : rs.getString(2).split(StoredFinding.SEPARATOR)) {
                if (advisoryIds.contains(id)) {
                    out.add(rs.getString(1));
                    return;
                }
            }
        });
        return out;
    }

    /** Every package of these images (repair): null stands for all of an image's packages. */
    public static SortedMap<String, Set<Long>> all(Collection<String> images) {
        SortedMap<String, Set<Long>> refs = new TreeMap<>();
        for (String d : images) refs.put(d, null);
        return refs;
    }

    /**
     * The packages named by {@code refs} for {@code images} (image → package numbers, null for all),
     * with their keys, 500 images per query (read by the primary key, so in image order); their
     * findings are read by {@link #readFindings}.
     */
    public static List<Target> load(Handle h, Map<String, Set<Long>> refs, Collection<String> images) {
        Map<String, List<MatchKeys.Key>> parsed = new HashMap<>(); // most images share most packages' keys
        List<Target> out = new ArrayList<>();
        Set<String> legacy = new HashSet<>();
        for (List<String> digests : Chunks.of(images)) {
            List<Long> pkgs = sparse(refs, digests);
            List<Object> params = new ArrayList<>(digests);
            params.addAll(pkgs);
            query(h, "SELECT manifest_digest, pkg, type, name, version, match_keys FROM image_packages WHERE manifest_digest IN ("
                    + marks(digests.size()) + ")" + (pkgs.isEmpty() ? "" : " AND pkg IN (" + marks(pkgs.size()) + ")"), params, rs -> {
                        String digest = rs.getString(1);
                        Set<Long> wanted = refs.get(digest);
                        long pkg = rs.getLong(2);
                        if (wanted != null && !wanted.contains(pkg)) return;
                        String json = rs.getString(6);
                        if (json == null) legacy.add(digest);
                        List<MatchKeys.Key> keys = json == null ? new ArrayList<>() : parsed.computeIfAbsent(json, StoredPackages::keys);
                        // the matcher reads type, name and version only
                        Package p = new Package(PackageType.parse(rs.getString(3)), rs.getString(4), rs.getString(5), null, null, null,
                                List.of(), List.of());
                        out.add(new Target(digest, pkg, p, keys, new HashMap<>()));
                    });
        }
        if (!legacy.isEmpty()) readOldKeys(h, legacy, byRef(out));
        return out;
    }

    /** Fills each target's {@code before} with its findings as stored now. */
    public static void readFindings(Handle h, List<Target> targets) {
        Map<Ref, Target> byRef = byRef(targets);
        Set<String> images = new LinkedHashSet<>();
        for (Target t : targets) images.add(t.digest());
        for (List<String> digests : Chunks.of(images)) {
            query(h, "SELECT manifest_digest, pkg, vulnerability_id, advisory_id, source, namespace, severity, cvss, fixed_version, "
                    + "affected_range, uncertain FROM findings WHERE manifest_digest IN (" + marks(digests.size()) + ")",
                    List.copyOf(digests), rs -> {
                        Target t = byRef.get(new Ref(rs.getString(1), rs.getLong(2)));
                        if (t == null) return;
                        String id = rs.getString(3);
                        t.before().put(id, new StoredFinding(t.pkg(), id, rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getLong(11) != 0));
                    });
        }
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * The package numbers to read when every image of the chunk wants only a few, and the same few
     * (images built alike number their packages alike); else none: whole images are read.
     */
    private static List<Long> sparse(Map<String, Set<Long>> refs, List<String> digests) {
        Set<Long> pkgs = new TreeSet<>();
        for (String d : digests) {
            Set<Long> p = refs.get(d);
            if (p == null) return List.of();
            pkgs.addAll(p);
            if (pkgs.size() > SPARSE) return List.of();
        }
        return List.copyOf(pkgs);
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

    /**
     * How many times each image has been analysed: read before its packages, and again where its
     * new findings are written, it tells whether the packages matched are still the image's.
     */
    public static Map<String, Long> analyses(Handle h, Collection<String> images) {
        Map<String, Long> out = new HashMap<>();
        for (List<String> chunk : Chunks.of(images)) {
            h.createQuery("SELECT manifest_digest, analyses FROM image_analyses WHERE manifest_digest IN (<digests>)")
                    .bindList("digests", chunk)
                    .map((rs, ctx) -> out.put(rs.getString(1), rs.getLong(2)))
                    .forEach(x -> { });
        }
        return out;
    }

    private static Map<Ref, Target> byRef(List<Target> targets) {
        Map<Ref, Target> out = new HashMap<>();
        for (Target t : targets) out.put(new Ref(t.digest(), t.pkg()), t);
        return out;
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
     * Packages analysed before V7 have no match keys of their own: they are matched under their
     * package index rows (an OS package's key is its source package when it names another package).
     */
    private static void readOldKeys(Handle h, Set<String> digests, Map<Ref, Target> chunk) {
        h.createQuery("SELECT k.manifest_digest, k.pkg, k.namespace, k.name FROM package_keys k JOIN image_packages p "
                        + "ON p.manifest_digest = k.manifest_digest AND p.pkg = k.pkg "
                        + "WHERE k.manifest_digest IN (<digests>) AND p.match_keys IS NULL ORDER BY k.manifest_digest, k.pkg, k.name")
                .bindList("digests", List.copyOf(digests))
                .map((rs, ctx) -> {
                    Target t = chunk.get(new Ref(rs.getString(1), rs.getLong(2)));
                    if (t == null) return 0;
                    String name = rs.getString(4);
                    boolean source = t.pkgData().type().isOsPackage() && !name.equals(t.pkgData().name());
                    MatchKeys.Key key = new MatchKeys.Key(new PackageKey(rs.getString(3), name), source ? "source-package" : "direct");
                    if (source) t.keys().add(0, key);
                    else t.keys().add(key);
                    return 0;
                }).forEach(x -> { });
    }
}
