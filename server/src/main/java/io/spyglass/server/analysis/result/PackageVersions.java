package io.spyglass.server.analysis.result;

import io.spyglass.server.store.Database;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Package versions: what many images share. The engine matcher's findings for a package depend
 * only on its type, name, version and match keys (the re-evaluation reads nothing else), so
 * those make a package version's identity, its findings are stored once (package_findings) and
 * each image's package row refers to it. An image analysed with no repository on advanced
 * analysis keeps a point-in-time scan: its package versions are private to it and never matched again.
 */
public final class PackageVersions {
    private PackageVersions() {}

    /** What makes two stored packages one package version (the V15 migration builds the same text). */
    public static String identity(String type, String name, String version, String keysJson, String privateTo) {
        return (privateTo == null ? "" : "image:" + privateTo + "|") + type + "|" + name + "|" + (version == null ? "" : version)
                + "|" + (version == null ? "n" : "v") + "|" + keysJson;
    }

    /** One package of an image: its row number, what identifies its package version, its key rows (namespace, name). */
    public record PackageRow(long pkg, String type, String name, String version, String keysJson, List<String[]> keys) {}

    /**
     * The package version of each package (by row number), creating the ones not stored yet with
     * {@code findings} (by row number) and their key rows. A package version that exists keeps its
     * findings: re-evaluation keeps them current for every image holding it, and an analysis whose
     * advisory snapshot is older must not set them back (nor change other images' reports
     * unrecorded). {@code privateTo}: the image's digest for a point-in-time scan (no repository
     * with advanced analysis holds it), else null.
     */
    public static Map<Long, Long> resolve(Handle h, Collection<PackageRow> rows, String privateTo, Map<Long, List<StoredFinding>> findings) {
        Map<String, PackageRow> byIdentity = new LinkedHashMap<>();
        Map<Long, String> identityOf = new HashMap<>();
        for (PackageRow r : rows) {
            String id = identity(r.type(), r.name(), r.version(), r.keysJson(), privateTo);
            byIdentity.putIfAbsent(id, r);
            identityOf.put(r.pkg(), id);
        }
        Map<String, Long> ids = existing(h, byIdentity.keySet());
        List<String> missing = byIdentity.keySet().stream().filter(i -> !ids.containsKey(i)).toList();
        if (!missing.isEmpty()) {
            long next = Database.nextIds(h, "package_versions", missing.size());
            PreparedBatch insert = h.prepareBatch("INSERT INTO package_versions (id, identity, type, name, version, match_keys, private_to) "
                    + "VALUES (:id, :identity, :type, :name, :version, :keys, :private) ON CONFLICT (identity) DO NOTHING");
            Map<String, Long> wanted = new HashMap<>();
            for (String identity : missing) {
                PackageRow r = byIdentity.get(identity);
                long id = next++;
                wanted.put(identity, id);
                insert.bind("id", id).bind("identity", identity).bind("type", r.type()).bind("name", r.name())
                        .bind("version", r.version()).bind("keys", r.keysJson().isEmpty() ? null : r.keysJson())
                        .bind("private", privateTo).add();
            }
            insert.execute();
            // another analysis may have stored one of them meanwhile: its row and findings win
            Map<String, Long> now = existing(h, missing);
            List<FindingRows.Row> newFindings = new ArrayList<>();
            PreparedBatch keys = h.prepareBatch("INSERT INTO package_version_keys (namespace, name, package_version) "
                    + "VALUES (:ns, :name, :pv) ON CONFLICT DO NOTHING");
            for (String identity : missing) {
                long id = now.get(identity);
                ids.put(identity, id);
                if (id != wanted.get(identity)) continue;
                PackageRow r = byIdentity.get(identity);
                for (String[] k : r.keys()) keys.bind("ns", k[0]).bind("name", k[1]).bind("pv", id).add();
                for (StoredFinding f : findings.getOrDefault(r.pkg(), List.of())) newFindings.add(new FindingRows.Row(id, f));
            }
            if (keys.size() > 0) keys.execute();
            FindingRows.upsert(h, newFindings);
        }
        Map<Long, Long> out = new HashMap<>();
        identityOf.forEach((pkg, identity) -> out.put(pkg, ids.get(identity)));
        return out;
    }

    /**
     * {@link #resolve} for package rows already stored without their package version (a copy of
     * another image's rows): reads them with their key rows and links each to its package version.
     */
    public static void assign(Handle h, String digest, String privateTo, Map<Long, List<StoredFinding>> findings) {
        Map<Long, PackageRow> rows = new LinkedHashMap<>();
        h.createQuery("SELECT pkg, type, name, version, match_keys FROM image_packages WHERE manifest_digest = :md ORDER BY pkg")
                .bind("md", digest)
                .map((rs, ctx) -> rows.put(rs.getLong(1), new PackageRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5) == null ? "" : rs.getString(5), new ArrayList<>())))
                .forEach(x -> { });
        h.createQuery("SELECT pkg, namespace, name FROM package_keys WHERE manifest_digest = :md").bind("md", digest)
                .map((rs, ctx) -> {
                    PackageRow r = rows.get(rs.getLong(1));
                    if (r != null) r.keys().add(new String[] {rs.getString(2), rs.getString(3)});
                    return 0;
                })
                .forEach(x -> { });
        Map<Long, Long> versions = resolve(h, rows.values(), privateTo, findings);
        PreparedBatch link = h.prepareBatch("UPDATE image_packages SET package_version = :pv WHERE manifest_digest = :md AND pkg = :pkg");
        versions.forEach((pkg, pv) -> link.bind("pv", pv).bind("md", digest).bind("pkg", pkg).add());
        if (link.size() > 0) link.execute();
    }

    private static Map<String, Long> existing(Handle h, Collection<String> identities) {
        Map<String, Long> out = new HashMap<>();
        for (List<String> chunk : Chunks.of(identities)) {
            h.createQuery("SELECT identity, id FROM package_versions WHERE identity IN (<ids>)").bindList("ids", chunk)
                    .map((rs, ctx) -> out.put(rs.getString(1), rs.getLong(2))).forEach(x -> { });
        }
        return out;
    }

    /** Removes the package versions private to this image, with their findings, keys and history. */
    public static void forgetPrivate(Handle h, String digest) {
        for (String table : List.of("package_findings", "package_version_keys", "package_history")) {
            h.createUpdate("DELETE FROM " + table + " WHERE package_version IN (SELECT id FROM package_versions WHERE private_to = :d)")
                    .bind("d", digest).execute();
        }
        h.createUpdate("DELETE FROM package_versions WHERE private_to = :d").bind("d", digest).execute();
    }
}
