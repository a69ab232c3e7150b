package io.spyglass.server.analysis;

import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.ChangeSet;
import io.spyglass.match.Matcher;
import io.spyglass.server.store.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-evaluates one change set: the stored packages with the changed keys, in images tagged in a
 * repository with advanced analysis, are read in a few set-based queries and matched again with
 * the engine's {@link Matcher} from the package index (no layer is read); only the differences are
 * written, in batches, each with its reason in finding_history, and the summaries of the images
 * those packages belong to are counted again. Each image is written whole in one transaction
 * (200 images per transaction), so a worker that dies mid-way leaves no image half-done, and the
 * job, redone, finds the images already written unchanged.
 */
final class Reevaluator {
    private static final Logger log = LoggerFactory.getLogger(Reevaluator.class);
    private static final int IMAGES_PER_TRANSACTION = 200;

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

    /** Re-matches every stored package of every image with advanced analysis (repair; still no layer read). */
    void reevaluateAll() {
        refresh.run();
        AdvisoryState.Snapshot snap = advisories.get();
        Set<String> images = db.withHandle(StoredPackages::advancedImages);
        rematch(snap, ChangeSet.empty("repair"), 0, StoredPackages.all(images));
    }

    void reevaluate(long changeSetId) {
        refresh.run();
        AdvisoryState.Snapshot snap = advisories.get();
        if (snap.changeSetId() < changeSetId) throw new IllegalStateException("index has not reached change set " + changeSetId + " yet");
        ChangeSet cs = store.changeSet(changeSetId);
        long start = System.nanoTime();
        Set<String> vulnerabilities = vulnerabilities(snap.index(), cs);
        SortedMap<String, Set<Long>> refs = db.withHandle(h ->
                StoredPackages.affected(h, cs.keys(), vulnerabilities, StoredPackages.advancedImages(h)));
        long packages = rematch(snap, cs, changeSetId, refs);
        log.info("change set {} ({} keys): {} packages in {} images matched again in {} ms", changeSetId, cs.keys().size(),
                packages, refs.size(), (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Matches the packages in {@code refs} again, one transaction per {@value #IMAGES_PER_TRANSACTION}
     * images so writers (pushes, lease renewals) never wait long; a job redone after a crash finds
     * the images already written unchanged and records nothing twice. Returns how many packages.
     */
    private long rematch(AdvisoryState.Snapshot snap, ChangeSet cs, long changeSetId, SortedMap<String, Set<Long>> refs) {
        Rematch.Cache matcher = new Rematch.Cache(new Matcher(snap.index()));
        long packages = 0;
        for (List<String> images : Chunks.of(refs.keySet(), IMAGES_PER_TRANSACTION)) {
            packages += db.inTransaction(h -> {
                Rematch rematch = new Rematch(h, matcher, cs, changeSetId);
                long[] count = {0};
                StoredPackages.load(h, refs, images, chunk -> {
                    rematch.apply(chunk);
                    count[0] += chunk.size();
                });
                rematch.flush();
                ResultStore.recount(h, images, snap.version());
                notifyLatest(h, rematch.severe());
                return count[0];
            });
        }
        return packages;
    }

    /** The vulnerabilities the change set's records belong to (or enrich), under every id they are known by. */
    private static Set<String> vulnerabilities(AdvisoryIndex index, ChangeSet cs) {
        Set<String> ids = new TreeSet<>();
        Set<String> touched = new TreeSet<>(cs.recordIds());
        touched.addAll(cs.advisoryIds());
        touched.addAll(cs.enrichedIds());
        for (String id : touched) {
            ids.add(id);
            index.vulnerability(id).ifPresent(v -> {
                ids.add(v.id());
                ids.addAll(v.aliases());
                v.records().forEach(r -> ids.add(r.id()));
            });
        }
        return ids;
    }

    /**
     * A {@code tag.vulnerable} webhook for each image that gained a critical or high finding and is
     * its repository's latest tag (the most recently pushed), in repositories that have webhooks.
     */
    private static void notifyLatest(Handle h, Map<String, List<String>> severe) {
        if (severe.isEmpty()) return;
        h.createQuery("SELECT ti.repository_id, r.namespace, r.name, ti.tag, ti.manifest_digest FROM tag_images ti "
                        + "JOIN repositories r ON r.id = ti.repository_id "
                        + "JOIN tags t ON t.repository_id = ti.repository_id AND t.name = ti.tag "
                        + "JOIN (SELECT repository_id, MAX(updated_at) AS latest FROM tags GROUP BY repository_id) lt "
                        + "ON lt.repository_id = t.repository_id AND lt.latest = t.updated_at "
                        + "WHERE r.image_insight = 'advanced' AND r.id IN (SELECT w.repository_id FROM webhooks w)")
                .map((rs, ctx) -> {
                    String digest = rs.getString("manifest_digest");
                    if (!severe.containsKey(digest)) return null;
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("repository", rs.getString("namespace") + "/" + rs.getString("name"));
                    payload.put("tag", rs.getString("tag"));
                    payload.put("digest", digest);
                    payload.put("added", List.copyOf(severe.get(digest)));
                    return Map.entry(rs.getLong("repository_id"), payload);
                })
                .list()
                .stream().filter(e -> e != null)
                .forEach(e -> Webhooks.enqueue(h, e.getKey(), "tag.vulnerable", e.getValue()));
    }
}
