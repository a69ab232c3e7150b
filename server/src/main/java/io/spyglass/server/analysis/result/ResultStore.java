package io.spyglass.server.analysis.result;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.match.MatchKeys;
import io.spyglass.sbom.Sbom;
import io.spyglass.server.store.Database;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes what an analysis found, in one transaction per image: SBOM json, packages, package
 * index, findings, then the summary counted from the findings. A failed write leaves the previous
 * results (none for a first analysis): nothing half-written.
 */
public final class ResultStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultStore() {}

    /** A package as indexed: its row number in the SBOM and the keys it is matched under. */
    public record IndexedPackage(long pkg, Package pkgData, List<MatchKeys.Key> keys) {}

    public static void saveAnalysis(Handle h, String digest, Sbom sbom, String sbomJson, long size,
                             List<IndexedPackage> packages, List<StoredFinding> findings, String dataVersion) {
        clear(h, digest);
        // findings are stored per package version, so without the row number
        Map<Long, List<StoredFinding>> byPkg = new HashMap<>();
        for (StoredFinding f : findings) {
            byPkg.computeIfAbsent(f.pkg(), x -> new ArrayList<>()).add(new StoredFinding(0, f.vulnerabilityId(), f.advisoryId(),
                    f.source(), f.namespace(), f.severity(), f.cvss(), f.fixedVersion(), f.range(), f.uncertain()));
        }
        List<PackageVersions.PackageRow> rows = new ArrayList<>(packages.size());
        for (IndexedPackage ip : packages) {
            Package p = ip.pkgData();
            List<String[]> keyRows = ip.keys().stream().map(k -> new String[] {k.key().namespace(), k.key().name()}).toList();
            rows.add(new PackageVersions.PackageRow(ip.pkg(), p.type().id(), p.name(), p.version(), StoredPackages.keysJson(ip.keys()), keyRows));
        }
        Map<Long, Long> versions = PackageVersions.resolve(h, rows, advanced(h, digest) ? null : digest, byPkg);
        PreparedBatch pkgs = h.prepareBatch("INSERT INTO image_packages (manifest_digest, pkg, type, name, version, purl, locations, "
                + "match_keys, package_version) VALUES (:md, :pkg, :type, :name, :version, :purl, :locations, :keys, :pv)");
        PreparedBatch keys = h.prepareBatch("INSERT INTO package_keys (namespace, name, manifest_digest, pkg, version) "
                + "VALUES (:ns, :name, :md, :pkg, :version) ON CONFLICT DO NOTHING");
        for (int i = 0; i < packages.size(); i++) {
            IndexedPackage ip = packages.get(i);
            Package p = ip.pkgData();
            pkgs.bind("md", digest).bind("pkg", ip.pkg()).bind("type", p.type().id()).bind("name", p.name())
                    .bind("version", p.version()).bind("purl", p.purl()).bind("locations", locations(p.locations()))
                    .bind("keys", rows.get(i).keysJson()).bind("pv", versions.get(ip.pkg())).add();
            for (MatchKeys.Key k : ip.keys()) {
                keys.bind("ns", k.key().namespace()).bind("name", k.key().name()).bind("md", digest).bind("pkg", ip.pkg())
                        .bind("version", p.version() == null ? "" : p.version()).add();
            }
        }
        if (pkgs.size() > 0) pkgs.execute();
        if (keys.size() > 0) keys.execute();
        h.createUpdate("INSERT INTO image_sboms (manifest_digest, sbom) VALUES (:md, :sbom) "
                        + "ON CONFLICT (manifest_digest) DO UPDATE SET sbom = excluded.sbom")
                .bind("md", digest).bind("sbom", sbomJson).execute();
        h.createUpdate("UPDATE image_analyses SET status = 'done', reason = NULL, platform = :platform, size = :size, "
                        + "package_count = :count, analyses = analyses + 1, analysed_at = :now, "
                        + "first_analysed_at = COALESCE(first_analysed_at, :now), updated_at = :now WHERE manifest_digest = :md")
                .bind("platform", sbom.image().platform() == null ? null : sbom.image().platform().toString())
                .bind("size", size).bind("count", packages.size()).bind("now", Database.now())
                .bind("md", digest).execute();
        recount(h, digest, dataVersion);
    }

    /** Whether a repository with advanced analysis holds the image (its findings are then kept current). */
    static boolean advanced(Handle h, String digest) {
        return h.createQuery("SELECT COUNT(*) FROM tag_images ti JOIN repositories r ON r.id = ti.repository_id "
                        + "WHERE ti.manifest_digest = :md AND r.image_insight = 'advanced'")
                .bind("md", digest).mapTo(Long.class).one() > 0;
    }

    /** Whether the image still has a status row (deleting its only repository removes it). */
    public static boolean tracked(Handle h, String digest) {
        return h.createQuery("SELECT COUNT(*) FROM image_analyses WHERE manifest_digest = :md").bind("md", digest)
                .mapTo(Long.class).one() > 0;
    }

    /** An image's packages before it is stored again (shared package versions stay: other images hold them). */
    static void clear(Handle h, String digest) {
        for (String table : List.of("image_packages", "package_keys")) {
            h.createUpdate("DELETE FROM " + table + " WHERE manifest_digest = :md").bind("md", digest).execute();
        }
        PackageVersions.forgetPrivate(h, digest);
    }

    /**
     * Every analysis row of an image no repository holds any more (deleting a repository or an
     * untagged manifest). Shared package versions stay for the images that still hold them.
     */
    public static void forget(Handle h, String digest) {
        clear(h, digest);
        for (String table : List.of("image_finding_history", "image_analyses", "image_sboms", "image_layer_chains", "image_bases")) {
            h.createUpdate("DELETE FROM " + table + " WHERE manifest_digest = :md").bind("md", digest).execute();
        }
    }

    /** The summary of one image, counted from its findings, stamped with the advisory data version. */
    static void recount(Handle h, String digest, String dataVersion) {
        recount(h, List.of(digest), dataVersion);
    }

    /**
     * The summaries of these images, each counted from its findings in one statement per chunk, in
     * one pass over each image's findings (a row-value assignment: SQLite and PostgreSQL both have it).
     */
    public static void recount(Handle h, Collection<String> digests, String dataVersion) {
        long now = Database.now();
        for (List<String> chunk : Chunks.of(digests)) {
            h.createUpdate("UPDATE image_analyses SET (critical, high, medium, low, other, fixable) = (SELECT "
                            + count("severity = 'critical'") + ", "
                            + count("severity = 'high'") + ", "
                            + count("severity = 'medium'") + ", "
                            + count("severity = 'low'") + ", "
                            + count("severity NOT IN ('critical', 'high', 'medium', 'low')") + ", "
                            + count("fixed_version IS NOT NULL")
                            + " FROM findings f WHERE f.manifest_digest = image_analyses.manifest_digest), "
                            + "evaluated_at = :now, data_version = :version WHERE manifest_digest IN (<digests>)")
                    .bind("now", now).bind("version", dataVersion).bindList("digests", chunk).execute();
        }
    }

    private static String count(String where) {
        return "COUNT(CASE WHEN " + where + " THEN 1 END)";
    }

    public static String locations(List<Location> locations) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Location l : locations) {
            java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
            m.put("path", l.path());
            m.put("layer", l.layer());
            out.add(m);
        }
        try {
            return JSON.writeValueAsString(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
