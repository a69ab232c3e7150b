package io.spyglass.server.analysis;

import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.ChangeReason;
import io.spyglass.advisory.ChangeSet;
import io.spyglass.advisory.PackageKey;
import io.spyglass.server.store.Database;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Re-evaluates one change set: the stored packages with the changed keys, in images tagged in a
 * repository with advanced analysis, are matched again from the package index (no layer is read);
 * their findings are replaced, each difference is written to finding_history with the reason the
 * change set gives, and the touched images' summaries are counted again. One transaction, so a
 * worker that dies mid-way leaves nothing half-done and the job is simply redone.
 */
final class Reevaluator {
    private final Database db;
    private final AdvisoryState advisories;
    private final Runnable refresh;
    private final SqlAdvisoryStore store;

    Reevaluator(Database db, AdvisoryState advisories, SqlAdvisoryStore store, Runnable refresh) {
        this.db = db;
        this.advisories = advisories;
        this.store = store;
        this.refresh = refresh;
    }

    private record Target(String digest, long pkg, String name, String version) {}

    /** Re-matches every stored package of every image with advanced analysis (repair; still no layer read). */
    void reevaluateAll() {
        refresh.run();
        AdvisoryState.Snapshot snap = advisories.get();
        ChangeSet none = ChangeSet.empty("repair");
        db.inTransaction(h -> {
            List<Target> targets = h.createQuery("SELECT p.manifest_digest, p.pkg, p.name, p.version FROM image_packages p "
                            + "WHERE EXISTS (SELECT 1 FROM tag_images ti JOIN repositories r ON r.id = ti.repository_id "
                            + "WHERE ti.manifest_digest = p.manifest_digest AND r.image_insight = 'advanced')")
                    .map((rs, ctx) -> new Target(rs.getString("manifest_digest"), rs.getLong("pkg"), rs.getString("name"), rs.getString("version")))
                    .list();
            Set<String> touched = new LinkedHashSet<>();
            for (Target t : targets) {
                rematch(h, snap.index(), none, 0, t, new HashMap<>());
                touched.add(t.digest());
            }
            for (String d : touched) ResultStore.recount(h, d, snap.version());
            return null;
        });
    }

    void reevaluate(long changeSetId) {
        refresh.run();
        AdvisoryState.Snapshot snap = advisories.get();
        if (snap.changeSetId() < changeSetId) throw new IllegalStateException("index has not reached change set " + changeSetId + " yet");
        ChangeSet cs = store.changeSet(changeSetId);
        db.inTransaction(h -> {
            Set<Target> targets = new LinkedHashSet<>();
            for (PackageKey key : cs.keys()) targets.addAll(targets(h, key));
            Set<String> touched = new LinkedHashSet<>();
            Map<String, List<String>> severe = new LinkedHashMap<>();
            for (Target t : targets) {
                if (rematch(h, snap.index(), cs, changeSetId, t, severe)) touched.add(t.digest());
            }
            for (String d : touched) ResultStore.recount(h, d, snap.version());
            severe.forEach((digest, vulns) -> notifyLatest(h, digest, vulns));
            return null;
        });
    }

    /** Re-matches one package; true when its findings changed. */
    private boolean rematch(Handle h, AdvisoryIndex index, ChangeSet cs, long csId, Target t, Map<String, List<String>> severe) {
        Map<String, StoredFinding> now = new LinkedHashMap<>();
        h.createQuery("SELECT namespace, name, version FROM package_keys WHERE manifest_digest = :md AND pkg = :pkg")
                .bind("md", t.digest()).bind("pkg", t.pkg())
                .map((rs, ctx) -> new PackageKeys.Keyed(new PackageKey(rs.getString("namespace"), rs.getString("name")), rs.getString("version")))
                .list()
                .forEach(k -> FindingMatcher.match(index, k.key(), k.version(), t.pkg()).forEach(f -> now.putIfAbsent(f.vulnerabilityId(), f)));
        Map<String, String[]> before = new HashMap<>();
        h.createQuery("SELECT vulnerability_id, advisory_id, severity FROM findings WHERE manifest_digest = :md AND pkg = :pkg")
                .bind("md", t.digest()).bind("pkg", t.pkg())
                .map((rs, ctx) -> before.put(rs.getString("vulnerability_id"), new String[] {rs.getString("advisory_id"), rs.getString("severity")}))
                .list();
        List<Object[]> history = new ArrayList<>();
        for (StoredFinding f : now.values()) {
            if (!before.containsKey(f.vulnerabilityId())) {
                if (f.severity().equals("critical") || f.severity().equals("high")) {
                    severe.computeIfAbsent(t.digest(), x -> new ArrayList<>()).add(f.vulnerabilityId() + " (" + f.severity() + ") in " + t.name());
                }
                history.add(new Object[] {f.vulnerabilityId(), f.severity(), "added", reason(cs, f.advisoryId(), true), f.advisoryId()});
            }
        }
        for (Map.Entry<String, String[]> e : before.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                history.add(new Object[] {e.getKey(), e.getValue()[1], "removed", reason(cs, e.getValue()[0], false), e.getValue()[0]});
            }
        }
        boolean changedDetails = !before.keySet().equals(now.keySet()) || !now.isEmpty();
        h.createUpdate("DELETE FROM findings WHERE manifest_digest = :md AND pkg = :pkg").bind("md", t.digest()).bind("pkg", t.pkg()).execute();
        ResultStore.insertFindings(h, t.digest(), now.values());
        long at = Database.now();
        for (Object[] e : history) {
            h.createUpdate("INSERT INTO finding_history (id, manifest_digest, vulnerability_id, package_name, package_version, "
                            + "severity, change, reason, advisory_id, change_set_id, created_at) "
                            + "VALUES (:id, :md, :vuln, :name, :version, :severity, :change, :reason, :adv, :cs, :at)")
                    .bind("id", Database.nextId(h, "finding_history")).bind("md", t.digest()).bind("vuln", (String) e[0])
                    .bind("name", t.name()).bind("version", t.version()).bind("severity", (String) e[1])
                    .bind("change", (String) e[2]).bind("reason", (String) e[3]).bind("adv", (String) e[4])
                    .bind("cs", csId).bind("at", at).execute();
        }
        return !history.isEmpty() || changedDetails;
    }

    /** A {@code tag.vulnerable} webhook when the image is its repository's latest tag (the most recently pushed). */
    private static void notifyLatest(Handle h, String digest, List<String> added) {
        h.createQuery("SELECT ti.repository_id, r.namespace, r.name, ti.tag FROM tag_images ti "
                        + "JOIN repositories r ON r.id = ti.repository_id "
                        + "JOIN tags t ON t.repository_id = ti.repository_id AND t.name = ti.tag "
                        + "WHERE ti.manifest_digest = :d AND r.image_insight = 'advanced' "
                        + "AND t.updated_at = (SELECT MAX(t2.updated_at) FROM tags t2 WHERE t2.repository_id = ti.repository_id)")
                .bind("d", digest)
                .map((rs, ctx) -> {
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("repository", rs.getString("namespace") + "/" + rs.getString("name"));
                    payload.put("tag", rs.getString("tag"));
                    payload.put("digest", digest);
                    payload.put("added", List.copyOf(added));
                    return Map.entry(rs.getLong("repository_id"), payload);
                })
                .list()
                .forEach(e -> Webhooks.enqueue(h, e.getKey(), "tag.vulnerable", e.getValue()));
    }

    /** Why a finding came or went, in words: from the change set's reason for its advisory. */
    static String reason(ChangeSet cs, String advisoryId, boolean added) {
        ChangeReason r = cs.changes().stream().filter(c -> c.advisoryId().equals(advisoryId)).map(ChangeSet.Change::reason)
                .findFirst().orElse(null);
        if (r == null) return added ? "re-evaluated: now matches" : "re-evaluated: no longer matches";
        return switch (r) {
            case NEW_ADVISORY -> "new advisory";
            case CHANGED_RANGE -> "changed range";
            case FIXED_VERSION_PUBLISHED -> "fixed version published";
            case WITHDRAWN -> "withdrawn";
            case REMOVED -> "removed from the source";
            case CHANGED_DETAILS -> "changed details";
        };
    }

    private static List<Target> targets(Handle h, PackageKey key) {
        return h.createQuery("SELECT DISTINCT pk.manifest_digest, pk.pkg, p.name, p.version FROM package_keys pk "
                        + "JOIN image_packages p ON p.manifest_digest = pk.manifest_digest AND p.pkg = pk.pkg "
                        + "WHERE pk.namespace = :ns AND pk.name = :name AND EXISTS (SELECT 1 FROM tag_images ti "
                        + "JOIN repositories r ON r.id = ti.repository_id "
                        + "WHERE ti.manifest_digest = pk.manifest_digest AND r.image_insight = 'advanced')")
                .bind("ns", key.namespace()).bind("name", key.name())
                .map((rs, ctx) -> new Target(rs.getString("manifest_digest"), rs.getLong("pkg"), rs.getString("name"), rs.getString("version")))
                .list();
    }
}
