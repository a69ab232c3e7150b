package io.spyglass.server.analysis;

import io.spyglass.advisory.PackageKey;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.match.MatchKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads stored packages to match again, in sets: every package indexed under any of a change
 * set's keys (or every package of some images), each with all the keys it is indexed under and its
 * current findings. Two queries per 500 keys or images, however many packages they reach.
 */
final class StoredPackages {
    /** A stored package: its row, the keys it is matched under (as the engine ordered them), its findings now. */
    record Target(String digest, long pkg, Package pkgData, List<MatchKeys.Key> keys, Map<String, StoredFinding> before) {}

    // MatchKeys.of puts the source package first; the matcher's merge of two keys' findings follows that order
    private static final Comparator<MatchKeys.Key> ENGINE_ORDER =
            Comparator.comparingInt(k -> k.matchedBy().equals("source-package") ? 0 : 1);

    private final Set<String> images;
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final Map<String, Set<MatchKeys.Key>> keys = new LinkedHashMap<>();

    private StoredPackages(Set<String> images) {
        this.images = images;
    }

    /** The digests of images tagged in a repository with advanced analysis: the only ones re-evaluated. */
    static Set<String> advancedImages(Handle h) {
        return new LinkedHashSet<>(h.createQuery("SELECT DISTINCT ti.manifest_digest FROM tag_images ti "
                        + "JOIN repositories r ON r.id = ti.repository_id WHERE r.image_insight = 'advanced'")
                .mapTo(String.class).list());
    }

    /**
     * The packages of images in {@code images} indexed under any of {@code changed}, and those with a
     * finding of any of {@code vulnerabilities} (a record of one source can change the severity of a
     * vulnerability another source's record matched under another key).
     */
    static Collection<Target> affected(Handle h, Collection<PackageKey> changed, Collection<String> vulnerabilities, Set<String> images) {
        Map<String, List<String>> byNamespace = new TreeMap<>();
        for (PackageKey k : changed) byNamespace.computeIfAbsent(k.namespace(), x -> new ArrayList<>()).add(k.name());
        StoredPackages out = new StoredPackages(images);
        byNamespace.forEach((ns, names) -> {
            for (List<String> chunk : Chunks.of(names)) {
                out.read(h, "package_keys sel", "sel.namespace = :ns AND sel.name IN (<names>)",
                        q -> q.bind("ns", ns).bindList("names", chunk));
            }
        });
        for (List<String> chunk : Chunks.of(vulnerabilities)) {
            out.read(h, "findings sel", "sel.vulnerability_id IN (<ids>)", q -> q.bindList("ids", chunk));
        }
        return out.targets();
    }

    /** Every package of these images (repair). */
    static Collection<Target> ofImages(Handle h, Collection<String> digests) {
        StoredPackages out = new StoredPackages(new HashSet<>(digests));
        for (List<String> chunk : Chunks.of(digests)) {
            out.read(h, "image_packages sel", "sel.manifest_digest IN (<digests>)", q -> q.bindList("digests", chunk));
        }
        return out.targets();
    }

    private void read(Handle h, String selection, String where, Consumer<Query> binds) {
        Query packages = h.createQuery("SELECT p.manifest_digest, p.pkg, p.type, p.name, p.version, p.purl, "
                + "k.namespace AS key_namespace, k.name AS key_name, k.matched_by FROM " + selection
                + " JOIN image_packages p ON p.manifest_digest = sel.manifest_digest AND p.pkg = sel.pkg"
                + " LEFT JOIN package_keys k ON k.manifest_digest = p.manifest_digest AND k.pkg = p.pkg WHERE " + where);
        binds.accept(packages);
        packages.map((rs, ctx) -> {
            String digest = rs.getString("manifest_digest");
            if (!images.contains(digest)) return null;
            long pkg = rs.getLong("pkg");
            Target t = targets.get(digest + " " + pkg);
            if (t == null) {
                t = new Target(digest, pkg, row(rs), new ArrayList<>(), new LinkedHashMap<>());
                targets.put(digest + " " + pkg, t);
            }
            String ns = rs.getString("key_namespace");
            if (ns != null) {
                MatchKeys.Key key = new MatchKeys.Key(new PackageKey(ns, rs.getString("key_name")), rs.getString("matched_by"));
                keys.computeIfAbsent(digest + " " + pkg, x -> new LinkedHashSet<>()).add(key);
            }
            return t;
        }).forEach(t -> { });
        Query findings = h.createQuery("SELECT f.* FROM " + selection
                + " JOIN findings f ON f.manifest_digest = sel.manifest_digest AND f.pkg = sel.pkg WHERE " + where);
        binds.accept(findings);
        findings.map((rs, ctx) -> {
            Target t = targets.get(rs.getString("manifest_digest") + " " + rs.getLong("pkg"));
            if (t == null) return null;
            StoredFinding f = new StoredFinding(t.pkg(), rs.getString("vulnerability_id"), rs.getString("advisory_id"),
                    rs.getString("source"), rs.getString("namespace"), rs.getString("severity"), rs.getString("cvss"),
                    rs.getString("fixed_version"), rs.getString("affected_range"), rs.getLong("uncertain") != 0);
            t.before().put(f.vulnerabilityId(), f);
            return f;
        }).forEach(f -> { });
    }

    private Collection<Target> targets() {
        keys.forEach((id, set) -> {
            List<MatchKeys.Key> list = targets.get(id).keys();
            list.addAll(set);
            list.sort(ENGINE_ORDER);
        });
        return targets.values();
    }

    private static Package row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Package(PackageType.parse(rs.getString("type")), rs.getString("name"), rs.getString("version"),
                rs.getString("purl"), null, null, List.of(), List.of());
    }
}
