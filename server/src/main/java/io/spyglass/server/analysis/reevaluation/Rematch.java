package io.spyglass.server.analysis.reevaluation;

import io.spyglass.server.analysis.policy.ImagePolicies;
import io.spyglass.server.analysis.result.FindingRows;
import io.spyglass.server.analysis.result.StoredFinding;
import io.spyglass.server.analysis.result.StoredPackages;
import io.spyglass.advisory.ChangeReason;
import io.spyglass.advisory.ChangeSet;
import io.spyglass.advisory.Severity;
import io.spyglass.match.Finding;
import io.spyglass.match.Matcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;

/**
 * Matches stored package versions again with the engine's {@link Matcher}, then writes only the
 * differences: new or changed findings upserted, gone findings deleted, and each added or removed
 * vulnerability recorded in package_history with the change set's reason (every image holding
 * the package version shows it). It also sums what changed per package version, for the set-based
 * update of the summaries of the images holding them. Writes go out in batches.
 */
public final class Rematch {
    private static final int FLUSH_AT = 5_000;

    /** How a package version's summary counts changed: new minus old, per severity and fixable. */
    record Delta(long packageVersion, long critical, long high, long medium, long low, long other, long fixable) {
        boolean isZero() {
            return critical == 0 && high == 0 && medium == 0 && low == 0 && other == 0 && fixable == 0;
        }
    }

    private final Handle h;
    private final Phases phases;
    private final long changeSetId;
    private final Predicate<String> exploited;
    private final Set<String> kevChanged;
    private final Map<String, ChangeReason> reasons = new HashMap<>();
    /** A critical or high finding a package version gained: its vulnerability and package, and how a webhook names it. */
    record Severe(String vulnerabilityId, String packageName, String text) {}

    private final Map<Long, List<Severe>> severe = new LinkedHashMap<>();
    private final Set<Long> policyInputs = new TreeSet<>();
    private final List<Delta> deltas = new ArrayList<>();
    private long changed;
    private final Map<String, String> said = new HashMap<>();
    private final List<FindingRows.Row> upserts = new ArrayList<>();
    private final List<FindingRows.Row> deletes = new ArrayList<>();
    private final List<FindingRows.History> history = new ArrayList<>();

    /**
     * {@code exploited} tells a vulnerability in the KEV catalogue; {@code kevChanged} the
     * vulnerabilities whose KEV entry this change set may have changed (policy inputs even when
     * no finding changes).
     */
    Rematch(Handle h, ChangeSet cs, long changeSetId, Phases phases, Predicate<String> exploited, Set<String> kevChanged) {
        this.h = h;
        this.phases = phases;
        this.changeSetId = changeSetId;
        this.exploited = exploited;
        this.kevChanged = kevChanged;
        for (ChangeSet.Change c : cs.changes()) reasons.putIfAbsent(c.advisoryId(), c.reason());
    }

    /** A stored package version and its findings as the engine matches it now. */
    record Matched(StoredPackages.Target target, Map<String, StoredFinding> now) {}

    /** Matches these package versions again (no database: this can run ahead of the writes, on another thread). */
    static List<Matched> match(Matcher matcher, List<StoredPackages.Target> targets) {
        List<Matched> out = new ArrayList<>(targets.size());
        for (StoredPackages.Target t : targets) {
            Map<String, StoredFinding> now = new LinkedHashMap<>();
            for (Finding f : matcher.match(t.pkgData(), t.keys())) now.put(f.vulnerabilityId(), StoredFinding.of(0, f));
            out.add(new Matched(t, now));
        }
        return out;
    }

    /** Queues the changes between these package versions' stored findings and their new ones (written at the latest by {@link #flush}). */
    void apply(Collection<Matched> matched) {
        for (Matched m : matched) {
            diff(m.target(), m.now());
            if (upserts.size() + deletes.size() + history.size() >= FLUSH_AT) flush();
        }
    }

    private void diff(StoredPackages.Target t, Map<String, StoredFinding> now) {
        long pv = t.packageVersion();
        long[] counts = new long[6];
        boolean inputs = false;
        for (StoredFinding f : now.values()) {
            count(counts, f, 1);
            StoredFinding was = t.before().get(f.vulnerabilityId());
            if (was == null) {
                history.add(new FindingRows.History(pv, f, "added", reason(f.advisoryId(), true)));
                if (severe(f)) {
                    severe.computeIfAbsent(pv, x -> new ArrayList<>())
                            .add(new Severe(f.vulnerabilityId(), t.pkgData().name(), f.vulnerabilityId() + " (" + f.severity() + ") in " + t.pkgData().name()));
                }
            }
            if (!f.equals(was)) {
                upserts.add(new FindingRows.Row(pv, f));
                inputs |= policyInput(f) || (was != null && policyInput(was));
            }
            inputs |= kevChanged.contains(f.vulnerabilityId());
        }
        for (StoredFinding was : t.before().values()) {
            count(counts, was, -1);
            if (now.containsKey(was.vulnerabilityId())) continue;
            deletes.add(new FindingRows.Row(pv, was));
            history.add(new FindingRows.History(pv, was, "removed", reason(was.advisoryId(), false)));
            inputs |= policyInput(was);
        }
        if (!t.before().equals(now)) changed++;
        deltas.add(new Delta(pv, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]));
        if (inputs) policyInputs.add(pv);
    }

    // the summary columns, as ResultStore.recount counts them
    private static void count(long[] counts, StoredFinding f, int sign) {
        int i = switch (f.severity()) {
            case "critical" -> 0;
            case "high" -> 1;
            case "medium" -> 2;
            case "low" -> 3;
            default -> 4;
        };
        counts[i] += sign;
        if (f.fixedVersion() != null) counts[5] += sign;
    }

    private static boolean severe(StoredFinding f) {
        return f.severity().equals("critical") || f.severity().equals("high");
    }

    // whether a policy reads the finding (a fixable one of any severity, as an organisation may choose any; a known exploited one)
    private boolean policyInput(StoredFinding f) {
        return ImagePolicies.readByPolicies(f.vulnerabilityId(), Severity.parse(f.severity()), f.fixedVersion() != null,
                exploited.test(f.vulnerabilityId()));
    }

    /** How many package versions' findings changed. */
    long changed() {
        return changed;
    }

    /** Package versions that gained a critical or high finding, with what it was (for webhooks). */
    Map<Long, List<Severe>> severe() {
        return severe;
    }

    /** Package versions whose change can change a policy verdict of an image holding them. */
    Set<Long> policyInputs() {
        return policyInputs;
    }

    /** Each package version's change of summary counts (zero when its findings changed in details only, or not at all). */
    List<Delta> deltas() {
        return deltas;
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
