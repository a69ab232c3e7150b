package io.spyglass.server.analysis.reevaluation;

import io.spyglass.server.analysis.result.FindingRows;
import io.spyglass.server.analysis.result.StoredFinding;
import io.spyglass.server.analysis.result.StoredPackages;
import io.spyglass.advisory.ChangeReason;
import io.spyglass.advisory.ChangeSet;
import io.spyglass.match.Finding;
import io.spyglass.match.MatchKeys;
import io.spyglass.match.Matcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Matches stored packages again with the engine's {@link Matcher}, then writes only the differences:
 * new or changed findings upserted, gone findings deleted, and each added or removed vulnerability
 * recorded in finding_history with the change set's reason. Writes go out in batches.
 */
public final class Rematch {
    private static final int FLUSH_AT = 5_000;

    /**
     * The engine matcher for one job, remembering answers: the same package build in many images
     * (a shared base layer) is matched once, as findings depend only on its type, name, version and
     * keys. A store whose images share no builds would only fill it (and make the garbage collector
     * copy it): after {@value #TRIAL} lookups with fewer than one in {@value #WORTH} hits, it stops remembering.
     */
    static final class Cache {
        private static final int SIZE = 50_000;
        private static final int TRIAL = 20_000;
        private static final int WORTH = 20;

        private record Input(String type, String name, String version, List<MatchKeys.Key> keys) {}

        private final Matcher matcher;
        private final Map<Input, List<Finding>> matched = new HashMap<>();
        private long lookups;
        private long hits;
        private boolean off;

        Cache(Matcher matcher) {
            this.matcher = matcher;
        }

        List<Finding> match(StoredPackages.Target t) {
            if (off) return matcher.match(t.pkgData(), t.keys());
            Input in = new Input(t.pkgData().type().id(), t.pkgData().name(), t.pkgData().version(), t.keys());
            List<Finding> found = matched.get(in);
            lookups++;
            if (found != null) {
                hits++;
                return found;
            }
            if (lookups >= TRIAL && hits * WORTH < lookups) {
                off = true;
                matched.clear();
            } else if (matched.size() >= SIZE) {
                matched.clear();
            }
            found = matcher.match(t.pkgData(), t.keys());
            if (!off) matched.put(in, found);
            return found;
        }
    }

    private final Handle h;
    private final Phases phases;
    private final long changeSetId;
    private final Map<String, ChangeReason> reasons = new HashMap<>();
    private final Map<String, List<String>> severe = new LinkedHashMap<>();
    private final Map<String, String> said = new HashMap<>();
    private final List<FindingRows.Row> upserts = new ArrayList<>();
    private final List<FindingRows.Row> deletes = new ArrayList<>();
    private final List<FindingRows.History> history = new ArrayList<>();

    Rematch(Handle h, ChangeSet cs, long changeSetId, Phases phases) {
        this.h = h;
        this.phases = phases;
        this.changeSetId = changeSetId;
        for (ChangeSet.Change c : cs.changes()) reasons.putIfAbsent(c.advisoryId(), c.reason());
    }

    /** A stored package and its findings as the engine matches it now. */
    record Matched(StoredPackages.Target target, Map<String, StoredFinding> now) {}

    /** Matches these packages again (no database: this can run ahead of the writes, on another thread). */
    static List<Matched> match(Cache matcher, List<StoredPackages.Target> targets) {
        List<Matched> out = new ArrayList<>(targets.size());
        for (StoredPackages.Target t : targets) {
            Map<String, StoredFinding> now = new LinkedHashMap<>();
            for (Finding f : matcher.match(t)) now.put(f.vulnerabilityId(), StoredFinding.of(t.pkg(), f));
            out.add(new Matched(t, now));
        }
        return out;
    }

    /** Queues the changes between these packages' stored findings and their new ones (written at the latest by {@link #flush}). */
    void apply(Collection<Matched> matched) {
        for (Matched m : matched) {
            diff(m.target(), m.now());
            if (upserts.size() + deletes.size() + history.size() >= FLUSH_AT) flush();
        }
    }

    private void diff(StoredPackages.Target t, Map<String, StoredFinding> now) {
        for (StoredFinding f : now.values()) {
            StoredFinding was = t.before().get(f.vulnerabilityId());
            if (was == null) {
                history.add(new FindingRows.History(t.digest(), f, t.pkgData().name(), t.pkgData().version(), "added",
                        reason(f.advisoryId(), true)));
                if (f.severity().equals("critical") || f.severity().equals("high")) {
                    severe.computeIfAbsent(t.digest(), x -> new ArrayList<>())
                            .add(f.vulnerabilityId() + " (" + f.severity() + ") in " + t.pkgData().name());
                }
            }
            if (!f.equals(was)) upserts.add(new FindingRows.Row(t.digest(), f));
        }
        for (StoredFinding was : t.before().values()) {
            if (now.containsKey(was.vulnerabilityId())) continue;
            deletes.add(new FindingRows.Row(t.digest(), was));
            history.add(new FindingRows.History(t.digest(), was, t.pkgData().name(), t.pkgData().version(), "removed",
                    reason(was.advisoryId(), false)));
        }
    }

    /** Images that gained a critical or high finding, with what it was (for webhooks). */
    Map<String, List<String>> severe() {
        return severe;
    }

    void flush() {
        Phases.Mark start = Phases.mark();
        FindingRows.delete(h, deletes);
        FindingRows.upsert(h, upserts);
        FindingRows.history(h, history, changeSetId);
        deletes.clear();
        upserts.clear();
        history.clear();
        phases.add(Phases.Phase.WRITE, start);
    }

    /** Why a finding came or went, in words: from the change set's reason for one of its advisories. */
    private String reason(String advisoryIds, boolean added) {
        return said.computeIfAbsent((added ? "+" : "-") + advisoryIds, x -> words(advisoryIds, added));
    }

    private String words(String advisoryIds, boolean added) {
        ChangeReason r = null;
        for (String id : advisoryIds.split(StoredFinding.SEPARATOR)) {
            r = reasons.get(id);
            if (r != null) break;
        }
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
}
