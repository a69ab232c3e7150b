package io.spyglass.server.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.advisory.PackageKey;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.match.MatchKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads stored packages to match again, in sets. First which packages: index-only scans of the
 * package index for a change set's keys and of the findings for its vulnerabilities. Then those
 * packages with their match keys and current findings, 500 images per query. The number of
 * queries grows with the number of keys and images, never with the number of packages.
 */
final class StoredPackages {
    /** A stored package: its row, the keys the engine matches it under (in its order), its findings now. */
    record Target(String digest, long pkg, Package pkgData, List<MatchKeys.Key> keys, Map<String, StoredFinding> before) {}

    private record Ref(String digest, long pkg) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    // below this many packages per image a chunk is read by (image, package) pairs; above it, whole images
    private static final int SPARSE = 16;

    private StoredPackages() {}

    /** The digests of images tagged in a repository with advanced analysis: the only ones re-evaluated. */
    static Set<String> advancedImages(Handle h) {
        return new LinkedHashSet<>(h.createQuery("SELECT DISTINCT ti.manifest_digest FROM tag_images ti "
                        + "JOIN repositories r ON r.id = ti.repository_id WHERE r.image_insight = 'advanced'")
                .mapTo(String.class).list());
    }

    /**
     * Which packages of {@code images} to match again (image → package numbers): those indexed
     * under any of {@code changed}, and those with a finding of any of {@code vulnerabilities} (one
     * source's record can change the severity of a vulnerability another source matched under
     * another key). Index-only scans; images in digest order.
     */
    static SortedMap<String, Set<Long>> affected(Handle h, Collection<PackageKey> changed, Collection<String> vulnerabilities,
                                                 Set<String> images) {
        Map<String, Set<Long>> refs = new HashMap<>();
        Map<String, List<String>> byNamespace = new TreeMap<>();
        for (PackageKey k : changed) byNamespace.computeIfAbsent(k.namespace(), x -> new ArrayList<>()).add(k.name());
        byNamespace.forEach((ns, names) -> {
            for (List<String> chunk : Chunks.of(names)) {
                collect(refs, images, h.createQuery("SELECT manifest_digest, pkg FROM package_keys WHERE namespace = :ns AND name IN (<names>)")
                        .bind("ns", ns).bindList("names", chunk));
            }
        });
        for (List<String> chunk : Chunks.of(vulnerabilities)) {
            collect(refs, images, h.createQuery("SELECT manifest_digest, pkg FROM findings WHERE vulnerability_id IN (<ids>)")
                    .bindList("ids", chunk));
        }
        return new TreeMap<>(refs);
    }

    /** Every package of these images (repair): null stands for all of an image's packages. */
    static SortedMap<String, Set<Long>> all(Collection<String> images) {
        SortedMap<String, Set<Long>> refs = new TreeMap<>();
        for (String d : images) refs.put(d, null);
        return refs;
    }

    private static void collect(Map<String, Set<Long>> refs, Set<String> images, Query q) {
        q.map((rs, ctx) -> {
            String digest = rs.getString(1);
            if (images.contains(digest)) refs.computeIfAbsent(digest, x -> new HashSet<>()).add(rs.getLong(2));
            return digest;
        }).forEach(d -> { });
    }

    /**
     * The packages named by {@code refs} for {@code images} (image → package numbers, null for all),
     * with their keys and findings, 500 images per query (read by the primary key, so in image order).
     */
    static void load(Handle h, Map<String, Set<Long>> refs, Collection<String> images, Consumer<List<Target>> each) {
        Map<String, List<MatchKeys.Key>> parsed = new HashMap<>(); // most images share most packages' keys
        for (List<String> digests : Chunks.of(images)) {
            Map<Ref, Target> chunk = new LinkedHashMap<>();
            Set<String> legacy = new HashSet<>();
            Set<Long> pkgs = new HashSet<>();
            boolean sparse = true;
            for (String d : digests) {
                Set<Long> p = refs.get(d);
                if (p == null) sparse = false;
                else pkgs.addAll(p);
            }
            sparse &= pkgs.size() <= SPARSE;
            var q = h.createQuery("SELECT manifest_digest, pkg, type, name, version, purl, match_keys FROM image_packages "
                    + "WHERE manifest_digest IN (<digests>)" + (sparse ? " AND pkg IN (<pkgs>)" : "")).bindList("digests", digests);
            if (sparse) q.bindList("pkgs", List.copyOf(pkgs));
            q.map((rs, ctx) -> {
                String digest = rs.getString("manifest_digest");
                Set<Long> wanted = refs.get(digest);
                long pkg = rs.getLong("pkg");
                if (wanted != null && !wanted.contains(pkg)) return 0;
                String json = rs.getString("match_keys");
                if (json == null) legacy.add(digest);
                if (parsed.size() > 100_000) parsed.clear();
                List<MatchKeys.Key> keys = json == null ? new ArrayList<>() : parsed.computeIfAbsent(json, StoredPackages::keys);
                Package p = new Package(PackageType.parse(rs.getString("type")), rs.getString("name"), rs.getString("version"),
                        rs.getString("purl"), null, null, List.of(), List.of());
                chunk.put(new Ref(digest, pkg), new Target(digest, pkg, p, keys, new HashMap<>()));
                return 0;
            }).forEach(x -> { });
            readFindings(h, digests, chunk);
            if (!legacy.isEmpty()) readOldKeys(h, legacy, chunk);
            each.accept(List.copyOf(chunk.values()));
        }
    }

    private static void readFindings(Handle h, List<String> digests, Map<Ref, Target> chunk) {
        h.createQuery("SELECT * FROM findings WHERE manifest_digest IN (<digests>)").bindList("digests", digests)
                .map((rs, ctx) -> {
                    Target t = chunk.get(new Ref(rs.getString("manifest_digest"), rs.getLong("pkg")));
                    if (t != null) {
                        t.before().put(rs.getString("vulnerability_id"), new StoredFinding(t.pkg(), rs.getString("vulnerability_id"),
                                rs.getString("advisory_id"), rs.getString("source"), rs.getString("namespace"), rs.getString("severity"),
                                rs.getString("cvss"), rs.getString("fixed_version"), rs.getString("affected_range"),
                                rs.getLong("uncertain") != 0));
                    }
                    return 0;
                }).forEach(x -> { });
    }

    /** The stored form of a package's match keys: json {@code [[namespace, name, matchedBy], …]}. */
    static String keysJson(List<MatchKeys.Key> keys) {
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
