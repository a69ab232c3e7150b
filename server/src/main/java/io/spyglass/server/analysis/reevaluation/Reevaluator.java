package io.spyglass.server.analysis.reevaluation;

import io.spyglass.server.analysis.advisory.AdvisoryState;
import io.spyglass.server.analysis.advisory.SqlAdvisoryStore;
import io.spyglass.server.analysis.job.Worker;
import io.spyglass.server.analysis.policy.ImagePolicies;
import io.spyglass.server.analysis.result.Chunks;
import io.spyglass.server.analysis.result.PackageHolders;
import io.spyglass.server.analysis.result.ResultStore;
import io.spyglass.server.analysis.result.StoredPackages;
import io.spyglass.server.vex.RepositoryVex;
import io.spyglass.server.webhook.Webhooks;
import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.ChangeReason;
import io.spyglass.advisory.ChangeSet;
import io.spyglass.match.Matcher;
import io.spyglass.server.ops.JobProgressLog;
import io.spyglass.server.store.Database;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-evaluates one change set at the cost of what it changed, not of what is stored. Findings are
 * stored per package version (result.PackageVersions), so the package versions the change set's
 * keys and vulnerabilities reach are read in a few set-based queries and matched again with the
 * engine's {@link Matcher} (no layer is read); only the differences are written, each with its
 * reason in package_history (every image holding the package version shows it). Then the
 * summaries of the images holding them move by what changed (their holders read once per
 * re-evaluation, {@link PackageHolders}; one keyed update per image), and the policies of the
 * images whose policy inputs changed are evaluated again.
 * Each group of package versions is written with its images' summaries in one transaction, so a
 * worker that dies mid-way leaves no summary out of step with its findings, and the job, redone,
 * finds the package versions already written unchanged.
 */
public final class Reevaluator {
    private static final Logger log = LoggerFactory.getLogger(Reevaluator.class);
    private static final int VERSIONS_PER_TRANSACTION = 1_000;
    // package versions are read and matched ahead of the writer on this many threads
    private static final int PREPARE_THREADS = 2;
    // repair reads each image whole (config, SBOM, base, attestations); a change set only its findings, in batches
    private static final int IMAGES_PER_REPAIR_TRANSACTION = 200;
    private static final int IMAGES_PER_POLICY_TRANSACTION = 1_000;

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

    /**
     * Repair: matches every package version kept current again, then counts every advanced image's
     * summary from its findings and evaluates its policies (still no layer read). Its results equal
     * the incremental path's; a test holds them to it.
     */
    public void reevaluateAll() {
        refresh.run();
        AdvisoryState.Snapshot snap = advisories.get();
        SortedSet<Long> versions = db.withHandle(StoredPackages::allVersions);
        rematch(snap, ChangeSet.empty("repair"), 0, versions, null, Set.of(), new Phases());
        List<String> images = List.copyOf(db.withHandle(StoredPackages::advancedImages));
        for (List<String> chunk : Chunks.of(images, IMAGES_PER_REPAIR_TRANSACTION)) {
            db.inTransaction(h -> {
                ResultStore.recount(h, chunk, snap.version());
                policies.evaluate(h, chunk);
                return null;
            });
        }
    }

    public void reevaluate(long changeSetId) {
        reevaluate(List.of(changeSetId));
    }

    /**
     * Re-evaluates several change sets stored together (an advisory bundle's sources) as one: one
     * pass over the package versions, their history recorded under the last id.
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
        Set<String> vulnerabilities = vulnerabilities(snap.index(), cs.recordIds(), cs.advisoryIds(), cs.enrichedIds());
        Set<String> gone = gone(cs);
        StoredPackages.Affected affected = phases.time(Phases.Phase.AFFECTED, () -> db.withHandle(h -> {
            if (!gone.isEmpty()) vulnerabilities.addAll(StoredPackages.vulnerabilitiesMatchedBy(h, gone));
            return StoredPackages.affected(h, cs.keys(), vulnerabilities);
        }));
        SortedSet<Long> versions = affected.versions();
        Set<String> advisoryIds = cs.advisoryIds();
        Reached reached = (t, matcher) -> affected.byFinding().contains(t.packageVersion())
                || matcher.couldMatch(t.pkgData(), t.keys(), advisoryIds);
        // KEV entries are not part of a finding, yet the policies read them
        Set<String> kevChanged = "kev".equals(cs.source()) || "bundle".equals(cs.source())
                ? vulnerabilities(snap.index(), cs.enrichedIds()) : Set.of();
        Outcome outcome = rematch(snap, cs, changeSetId, versions, reached, kevChanged, phases);
        // every image kept current is now current to this data, reached or not
        long stamped = phases.time(Phases.Phase.RECOUNT, () -> db.inTransaction(h -> Summaries.stamp(h, snap.version())));
        log.info("change set {} ({} keys): {} package versions reached, {} matched again, {} changed, summaries of {} images moved "
                        + "({} others stamped current), policies of {} images evaluated, in {} ms", changeSetId, cs.keys().size(), versions.size(),
                outcome.matched(), outcome.changed(), outcome.images(), stamped, outcome.policyImages(), (System.nanoTime() - start) / 1_000_000);
        log.debug("change set {} phases: {}", changeSetId, phases);
    }

    /** What a re-evaluation did: package versions matched again, those whose findings changed, images whose summaries moved, images whose policies ran. */
    private record Outcome(long matched, long changed, long images, long policyImages) {}

    /** Which reached package versions to match again in full, with the matcher of the new data (null: every one, as a repair does). */
    private interface Reached {
        boolean needsMatch(StoredPackages.Target target, Matcher matcher);
    }

    /** A group of reached package versions: how many, and those matched again. */
    private record Group(int reached, List<Rematch.Matched> matched) {}

    /**
     * Matches the package versions again and writes the differences with the summaries they move.
     * Groups of {@value #VERSIONS_PER_TRANSACTION} reached package versions are read and matched on
     * {@value #PREPARE_THREADS} threads ahead of the writer (reading is mostly the database's wait,
     * matching is CPU); the writer takes them in order and writes consecutive groups together until
     * {@value #VERSIONS_PER_TRANSACTION} are matched, one transaction each, so writers (pushes, lease
     * renewals) never wait long, and the same images' summaries are not moved once per group: most
     * reached package versions are not matched again. A repair writes each group on its own. Then
     * the policies of the images whose policy inputs changed, {@value #IMAGES_PER_POLICY_TRANSACTION}
     * per transaction.
     */
    private Outcome rematch(AdvisoryState.Snapshot snap, ChangeSet cs, long changeSetId, SortedSet<Long> versions, Reached reached,
                            Set<String> kevChanged, Phases phases) {
        if (versions.isEmpty()) return new Outcome(0, 0, 0, 0);
        Matcher matcher = new Matcher(snap.index());
        List<List<Long>> groups = Chunks.of(versions, VERSIONS_PER_TRANSACTION);
        ExecutorService ahead = Executors.newFixedThreadPool(PREPARE_THREADS, r -> Worker.daemon(r, "spyglass-rematch"));
        Set<Long> policyVersions = new TreeSet<>();
        PackageHolders holders = new PackageHolders();
        long matched = 0, changed = 0, images = 0;
        try {
            Function<List<Long>, Future<Group>> submit = group -> ahead.submit(() -> db.withHandle(h -> prepare(h, matcher, group, reached, phases)));
            Deque<Future<Group>> inFlight = new ArrayDeque<>();
            int next = 0;
            while (next < groups.size() && inFlight.size() < 2 * PREPARE_THREADS) inFlight.add(submit.apply(groups.get(next++)));
            JobProgressLog progress = new JobProgressLog(log, changeSetId == 0 ? "full re-evaluation" : "re-evaluation of change set " + changeSetId,
                    versions.size(), "package versions");
            List<Rematch.Matched> batch = new ArrayList<>();
            int batchReached = 0;
            while (!inFlight.isEmpty()) {
                Future<Group> pending = inFlight.poll();
                Group group = phases.time(Phases.Phase.WAIT, () -> Worker.await(pending, "re-evaluation"));
                if (next < groups.size()) inFlight.add(submit.apply(groups.get(next++)));
                batch.addAll(group.matched());
                batchReached += group.reached();
                if (reached != null && batch.size() < VERSIONS_PER_TRANSACTION && !inFlight.isEmpty()) continue;
                long[] written = write(snap, cs, changeSetId, batch, kevChanged, policyVersions, holders, phases);
                matched += batch.size();
                changed += written[0];
                images += written[1];
                progress.advance(batchReached);
                batch = new ArrayList<>();
                batchReached = 0;
            }
        } finally {
            ahead.shutdownNow();
        }
        List<String> policyImages = phases.time(Phases.Phase.AFFECTED, () -> db.withHandle(h -> Summaries.holders(h, policyVersions, holders)));
        phases.time(Phases.Phase.POLICIES, () -> policies.evaluateFindings(policyImages, IMAGES_PER_POLICY_TRANSACTION, holders));
        return new Outcome(matched, changed, images, policyImages.size());
    }

    /**
     * Reads these package versions with their keys and matches again those {@code reached} says the
     * change can alter and that are kept current (a package version no changed advisory reaches
     * keeps its findings and moves no summary; whether one is kept current is asked only of these).
     * A repair ({@code reached} null) matches every one.
     */
    private static Group prepare(Handle h, Matcher matcher, List<Long> versions, Reached reached, Phases phases) {
        Phases.Mark start = Phases.mark();
        List<StoredPackages.Target> loaded = StoredPackages.load(h, versions);
        phases.add(Phases.Phase.LOAD, start);
        List<StoredPackages.Target> targets = reached == null ? loaded : couldChange(h, matcher, loaded, reached, phases);
        return new Group(versions.size(), phases.time(Phases.Phase.MATCH, () -> Rematch.match(matcher, targets)));
    }

    /** Of these package versions, those a changed advisory could match ({@code reached}) and that are kept current. */
    private static List<StoredPackages.Target> couldChange(Handle h, Matcher matcher, List<StoredPackages.Target> loaded, Reached reached,
                                                           Phases phases) {
        List<StoredPackages.Target> could = phases.time(Phases.Phase.MATCH,
                () -> loaded.stream().filter(t -> reached.needsMatch(t, matcher)).toList());
        if (could.isEmpty()) return could;
        Set<Long> live = phases.time(Phases.Phase.LOAD,
                () -> StoredPackages.live(h, could.stream().map(StoredPackages.Target::packageVersion).toList()));
        return could.stream().filter(t -> live.contains(t.packageVersion())).toList();
    }

    /**
     * Writes one group in one transaction: the findings as stored now are read inside it (another
     * job may have written some of these package versions since), the differences written, and the
     * summaries of the images holding them moved by what changed. Returns {changed package versions, images updated}.
     */
    private long[] write(AdvisoryState.Snapshot snap, ChangeSet cs, long changeSetId, List<Rematch.Matched> group, Set<String> kevChanged,
                         Set<Long> policyVersions, PackageHolders holders, Phases phases) {
        Phases.Mark[] done = {null};
        long[] out = db.inTransaction(h -> {
            List<StoredPackages.Target> targets = new ArrayList<>(group.size());
            for (Rematch.Matched m : group) {
                m.target().before().clear();
                targets.add(m.target());
            }
            phases.time(Phases.Phase.LOAD, () -> StoredPackages.readFindings(h, targets));
            Rematch rematch = new Rematch(h, cs, changeSetId, phases, id -> ImagePolicies.knownExploited(snap.index(), id), kevChanged);
            rematch.apply(group);
            rematch.flush();
            long images = phases.time(Phases.Phase.RECOUNT, () -> Summaries.move(h, rematch.deltas(), snap.version(), holders));
            policyVersions.addAll(rematch.policyInputs());
            phases.time(Phases.Phase.NOTIFY, () -> notifyLatest(h, Summaries.severeImages(h, rematch.severe(), holders)));
            done[0] = Phases.mark();
            return new long[] {rematch.changed(), images};
        });
        phases.add(Phases.Phase.COMMIT, done[0]);
        return out;
    }

    /** The vulnerabilities these ids of the change set's records belong to (or enrich), under every id they are known by. */
    @SafeVarargs
    private static Set<String> vulnerabilities(AdvisoryIndex index, Set<String>... idSets) {
        Set<String> ids = new TreeSet<>();
        Set<String> touched = new TreeSet<>();
        for (Set<String> set : idSets) touched.addAll(set);
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
     * Findings the repository's VEX statements suppress are left out, as the pages leave them out of
     * the counts; an image whose every new finding is suppressed is not announced.
     */
    private static void notifyLatest(Handle h, Map<String, List<Rematch.Severe>> severe) {
        if (severe.isEmpty()) return;
        record Latest(long repositoryId, String repository, String tag, String digest) {}
        List<Latest> latest = h.createQuery("SELECT ti.repository_id, r.namespace, r.name, ti.tag, ti.manifest_digest FROM tag_images ti "
                        + "JOIN repositories r ON r.id = ti.repository_id "
                        + "JOIN tags t ON t.repository_id = ti.repository_id AND t.name = ti.tag "
                        + "JOIN (SELECT repository_id, MAX(updated_at) AS latest FROM tags GROUP BY repository_id) lt "
                        + "ON lt.repository_id = t.repository_id AND lt.latest = t.updated_at "
                        + "WHERE r.image_insight = 'advanced' AND r.id IN (SELECT w.repository_id FROM webhooks w)")
                .map((rs, ctx) -> new Latest(rs.getLong("repository_id"), rs.getString("namespace") + "/" + rs.getString("name"),
                        rs.getString("tag"), rs.getString("manifest_digest")))
                .list();
        Map<Long, RepositoryVex> vex = new HashMap<>();
        for (Latest l : latest) {
            if (!severe.containsKey(l.digest())) continue;
            RepositoryVex statements = vex.computeIfAbsent(l.repositoryId(), id -> RepositoryVex.of(h, id));
            Set<RepositoryVex.Open> open = statements.isEmpty() ? null : statements.unsuppressed(h, l.digest());
            List<String> added = severe.get(l.digest()).stream()
                    .filter(f -> open == null || open.contains(new RepositoryVex.Open(f.vulnerabilityId(), f.packageName())))
                    .map(Rematch.Severe::text).toList();
            if (added.isEmpty()) continue;
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("repository", l.repository());
            payload.put("tag", l.tag());
            payload.put("digest", l.digest());
            payload.put("added", added);
            Webhooks.enqueue(h, l.repositoryId(), "tag.vulnerable", payload);
        }
    }
}
