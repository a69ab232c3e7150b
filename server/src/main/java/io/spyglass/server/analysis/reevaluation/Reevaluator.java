package io.spyglass.server.analysis.reevaluation;

import io.spyglass.server.analysis.advisory.AdvisoryState;
import io.spyglass.server.analysis.advisory.SqlAdvisoryStore;
import io.spyglass.server.analysis.job.Worker;
import io.spyglass.server.analysis.policy.ImagePolicies;
import io.spyglass.server.analysis.result.Chunks;
import io.spyglass.server.analysis.result.ResultStore;
import io.spyglass.server.analysis.result.StoredPackages;
import io.spyglass.server.webhook.Webhooks;
import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.ChangeReason;
import io.spyglass.advisory.ChangeSet;
import io.spyglass.match.Matcher;
import io.spyglass.server.ops.JobProgressLog;
import io.spyglass.server.store.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
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
public final class Reevaluator {
    private static final Logger log = LoggerFactory.getLogger(Reevaluator.class);
    private static final int IMAGES_PER_TRANSACTION = 200;

    private final Database db;
    private final AdvisoryState advisories;
    private final Runnable refresh;
    private final SqlAdvisoryStore store;
    private final ImagePolicies policies;

    public Reevaluator(Database db, AdvisoryState advisories, SqlAdvisoryStore store, Runnable refresh, ImagePolicies policies) {
        this.db = db;
        this.policies = policies;
        this.advisories = advisories;
        this.store = store;
        this.refresh = refresh;
    }

    /** Re-matches every stored package of every image with advanced analysis (repair; still no layer read). */
    public void reevaluateAll() {
        refresh.run();
        AdvisoryState.Snapshot snap = advisories.get();
        Set<String> images = db.withHandle(StoredPackages::advancedImages);
        rematch(snap, ChangeSet.empty("repair"), 0, StoredPackages.all(images), new Phases());
    }

    public void reevaluate(long changeSetId) {
        reevaluate(List.of(changeSetId));
    }

    /**
     * Re-evaluates several change sets stored together (an advisory bundle's sources) as one: one
     * pass over the images, their history recorded under the last id.
     */
    public void reevaluate(List<Long> changeSetIds) {
        refresh.run();
        AdvisoryState.Snapshot snap = advisories.get();
        long changeSetId = changeSetIds.get(changeSetIds.size() - 1);
        if (snap.changeSetId() < changeSetId) throw new IllegalStateException("index has not reached change set " + changeSetId + " yet");
        ChangeSet cs = changeSetIds.size() == 1 ? store.changeSet(changeSetId)
                : ChangeSet.merge("bundle", changeSetIds.stream().map(store::changeSet).toList());
        long start = System.nanoTime();
        Phases phases = new Phases();
        Set<String> vulnerabilities = vulnerabilities(snap.index(), cs);
        Set<String> gone = gone(cs);
        SortedMap<String, Set<Long>> refs = phases.time(Phases.Phase.AFFECTED, () -> db.withHandle(h -> {
            if (!gone.isEmpty()) vulnerabilities.addAll(StoredPackages.vulnerabilitiesMatchedBy(h, gone));
            return StoredPackages.affected(h, cs.keys(), vulnerabilities, StoredPackages.advancedImages(h));
        }));
        long packages = rematch(snap, cs, changeSetId, refs, phases);
        log.info("change set {} ({} keys): {} packages in {} images matched again in {} ms", changeSetId, cs.keys().size(),
                packages, refs.size(), (System.nanoTime() - start) / 1_000_000);
        log.debug("change set {} phases: {}", changeSetId, phases);
    }

    /** A group of images with their packages matched again, and how many times each had been analysed when read. */
    private record Group(List<String> images, Map<String, Long> analyses, List<Rematch.Matched> matched) {}

    /**
     * Matches the packages in {@code refs} again and writes the differences, one transaction per
     * {@value #IMAGES_PER_TRANSACTION} images so writers (pushes, lease renewals) never wait long; a
     * job redone after a crash finds the images already written unchanged and records nothing
     * twice. The next group is read and matched on a second thread while this one is written
     * (matching is CPU, writing is mostly the database's). Returns how many packages.
     */
    private long rematch(AdvisoryState.Snapshot snap, ChangeSet cs, long changeSetId, SortedMap<String, Set<Long>> refs,
                         Phases phases) {
        if (refs.isEmpty()) return 0;
        Matcher engine = new Matcher(snap.index());
        Rematch.Cache matcher = new Rematch.Cache(engine);
        List<List<String>> groups = Chunks.of(refs.keySet(), IMAGES_PER_TRANSACTION);
        ExecutorService ahead = Executors.newSingleThreadExecutor(r -> Worker.daemon(r, "spyglass-rematch"));
        try {
            Future<Group> next = ahead.submit(() -> db.withHandle(h -> prepare(h, matcher, refs, groups.get(0), phases)));
            long packages = 0;
            JobProgressLog progress = new JobProgressLog(log, changeSetId == 0 ? "full re-evaluation" : "re-evaluation of change set " + changeSetId,
                    refs.size(), "images");
            for (int i = 0; i < groups.size(); i++) {
                Group group = await(next);
                if (i + 1 < groups.size()) {
                    List<String> images = groups.get(i + 1);
                    next = ahead.submit(() -> db.withHandle(h -> prepare(h, matcher, refs, images, phases)));
                }
                packages += write(snap, cs, changeSetId, group, () -> new Rematch.Cache(engine), refs, phases);
                progress.advance(group.images().size());
            }
            return packages;
        } finally {
            ahead.shutdownNow();
        }
    }

    /** Reads these images' packages (their analysis count first) and matches them again. */
    private static Group prepare(Handle h, Rematch.Cache matcher, Map<String, Set<Long>> refs, List<String> images, Phases phases) {
        Phases.Mark start = Phases.mark();
        Map<String, Long> analyses = StoredPackages.analyses(h, images);
        List<StoredPackages.Target> targets = StoredPackages.load(h, refs, images);
        phases.add(Phases.Phase.LOAD, start);
        return new Group(images, analyses, phases.time(Phases.Phase.MATCH, () -> Rematch.match(matcher, targets)));
    }

    /**
     * Writes one group in one transaction. An image analysed again since its packages were read
     * (its analysis count moved) is read and matched again here, inside the transaction.
     */
    private long write(AdvisoryState.Snapshot snap, ChangeSet cs, long changeSetId, Group group, Supplier<Rematch.Cache> fresh,
                       Map<String, Set<Long>> refs, Phases phases) {
        Phases.Mark[] done = {null};
        long packages = db.inTransaction(h -> {
            List<Rematch.Matched> matched = current(h, group, fresh, refs, phases);
            List<StoredPackages.Target> targets = new ArrayList<>(matched.size());
            for (Rematch.Matched m : matched) targets.add(m.target());
            phases.time(Phases.Phase.LOAD, () -> StoredPackages.readFindings(h, targets));
            Rematch rematch = new Rematch(h, cs, changeSetId, phases);
            rematch.apply(matched);
            rematch.flush();
            phases.time(Phases.Phase.RECOUNT, () -> ResultStore.recount(h, group.images(), snap.version()));
            policies.evaluate(h, group.images());
            notifyLatest(h, rematch.severe());
            done[0] = Phases.mark();
            return (long) matched.size();
        });
        phases.add(Phases.Phase.COMMIT, done[0]);
        return packages;
    }

    private static List<Rematch.Matched> current(Handle h, Group group, Supplier<Rematch.Cache> fresh, Map<String, Set<Long>> refs,
                                                 Phases phases) {
        Map<String, Long> now = StoredPackages.analyses(h, group.images());
        List<String> moved = group.images().stream().filter(d -> !Objects.equals(now.get(d), group.analyses().get(d))).toList();
        if (moved.isEmpty()) return group.matched();
        log.debug("{} images analysed again while re-evaluated: matched again", moved.size());
        Set<String> again = Set.copyOf(moved);
        List<Rematch.Matched> out = new ArrayList<>();
        for (Rematch.Matched m : group.matched()) {
            if (!again.contains(m.target().digest())) out.add(m);
        }
        out.addAll(prepare(h, fresh.get(), refs, moved, phases).matched());
        return out;
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("re-evaluation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
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
     * The records the change set removed or withdrew: they are gone from the new index, so the
     * vulnerabilities they belonged to (and under which other sources' findings are stored, rated
     * by them) are found from the stored findings they matched.
     */
    private static Set<String> gone(ChangeSet cs) {
        Set<String> ids = new TreeSet<>();
        for (ChangeSet.Change c : cs.changes()) {
            if (c.reason() == ChangeReason.REMOVED || c.reason() == ChangeReason.WITHDRAWN) ids.add(c.advisoryId());
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
