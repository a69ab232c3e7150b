package io.spyglass.advisory;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one import changed in one source: for each (namespace, package) key touched, which advisory
 * and why. {@code enrichedIds} are CVE ids whose NVD/KEV/EPSS data changed (they carry no package).
 * {@code recordIds} are the ids of every record added, changed or removed (what an index must
 * reload); {@code added}, {@code changed}, {@code removed} count them. Importing the same data twice gives
 * an empty change set (hyades' publishIfChanged: compare a content hash per record).
 */
public record ChangeSet(String source, List<Change> changes, Set<String> enrichedIds, Set<String> recordIds,
                        int added, int changed, int removed) {
    public ChangeSet {
        changes = List.copyOf(changes);
        enrichedIds = Set.copyOf(enrichedIds);
        recordIds = Set.copyOf(recordIds);
    }

    /** One package key touched by one advisory. */
    public record Change(PackageKey key, String advisoryId, ChangeReason reason) {}

    public static ChangeSet empty(String source) {
        return new ChangeSet(source, List.of(), Set.of(), Set.of(), 0, 0, 0);
    }

    /**
     * Several sources' change sets as one, for re-evaluating them together (an advisory bundle).
     * Its record ids mix sources, so an index is updated from the parts, never from this.
     */
    public static ChangeSet merge(String name, List<ChangeSet> parts) {
        List<Change> changes = new java.util.ArrayList<>();
        Set<String> enriched = new TreeSet<>();
        Set<String> ids = new TreeSet<>();
        int added = 0, changed = 0, removed = 0;
        for (ChangeSet p : parts) {
            changes.addAll(p.changes());
            enriched.addAll(p.enrichedIds());
            ids.addAll(p.recordIds());
            added += p.added();
            changed += p.changed();
            removed += p.removed();
        }
        return new ChangeSet(name, changes, enriched, ids, added, changed, removed);
    }

    public boolean isEmpty() {
        return recordIds.isEmpty() && changes.isEmpty();
    }

    /** The distinct package keys, sorted. */
    public SortedSet<PackageKey> keys() {
        SortedSet<PackageKey> keys = new TreeSet<>();
        for (Change c : changes) keys.add(c.key());
        return keys;
    }

    /** Advisory ids added, changed or removed (those the index must reload). */
    public SortedSet<String> advisoryIds() {
        SortedSet<String> ids = new TreeSet<>();
        for (Change c : changes) ids.add(c.advisoryId());
        return ids;
    }
}
