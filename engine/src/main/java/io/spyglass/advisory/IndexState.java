package io.spyglass.advisory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The index's maps, copied and then changed by one update. Only the vulnerabilities reachable by
 * alias from what changed are re-correlated, and only their package keys rebuilt.
 */
final class IndexState {
    final Map<String, Advisory> advisories;           // record key (source + NUL + id) → live advisory
    final Map<String, Set<String>> byAlias;           // id or alias → record keys
    final Map<String, Vulnerability> vulnByAlias;     // id or alias → vulnerability
    final Map<PackageKey, List<AffectedEntry>> byKey;
    final Map<String, NvdRecord> nvd;
    final Map<String, KevEntry> kev;
    final Map<String, EpssScore> epss;
    final Map<String, Set<String>> mavenGroups;       // Maven artifactId → the groups with entries for it

    IndexState() {
        this(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(),
                new HashMap<>());
    }

    private IndexState(Map<String, Advisory> advisories, Map<String, Set<String>> byAlias,
                       Map<String, Vulnerability> vulnByAlias, Map<PackageKey, List<AffectedEntry>> byKey,
                       Map<String, NvdRecord> nvd, Map<String, KevEntry> kev, Map<String, EpssScore> epss,
                       Map<String, Set<String>> mavenGroups) {
        this.advisories = advisories;
        this.byAlias = byAlias;
        this.vulnByAlias = vulnByAlias;
        this.byKey = byKey;
        this.nvd = nvd;
        this.kev = kev;
        this.epss = epss;
        this.mavenGroups = mavenGroups;
    }

    IndexState copy() {
        Map<String, Set<String>> aliases = new HashMap<>(byAlias.size() * 2);
        byAlias.forEach((k, v) -> aliases.put(k, v));
        return new IndexState(new HashMap<>(advisories), aliases, new HashMap<>(vulnByAlias), new HashMap<>(byKey),
                new HashMap<>(nvd), new HashMap<>(kev), new HashMap<>(epss), new HashMap<>(mavenGroups));
    }

    static String recordKey(Advisory a) {
        return recordKey(a.source(), a.id());
    }

    static String recordKey(String source, String id) {
        return source + '\0' + id;
    }

    /** Applies upserts and removals; {@code touched} holds CVE ids whose enrichment changed. */
    void apply(Collection<Advisory> upserts, Collection<String> removedKeys, Set<String> touched) {
        Set<String> aliases = new HashSet<>(touched);
        List<Advisory> old = new ArrayList<>();
        for (String key : removedKeys) {
            Advisory gone = advisories.remove(key);
            if (gone != null) old.add(gone);
        }
        for (Advisory a : upserts) {
            Advisory before = a.isWithdrawn() ? advisories.remove(recordKey(a)) : advisories.put(recordKey(a), a);
            if (before != null) old.add(before);
            aliases.addAll(a.allIds());
        }
        for (Advisory a : old) {
            aliases.addAll(a.allIds());
            for (String id : a.allIds()) unlink(id, recordKey(a));
        }
        for (Advisory a : upserts) {
            if (a.isWithdrawn()) continue;
            for (String id : a.allIds()) link(id, recordKey(a));
        }
        Set<String> closure = new HashSet<>();
        Set<String> seen = closure(aliases, closure);
        for (String id : seen) vulnByAlias.remove(id);
        Set<PackageKey> keys = new HashSet<>();
        for (Advisory a : old) a.affected().forEach(x -> keys.add(x.key()));
        Map<String, AffectedEntry[]> fresh = new HashMap<>();
        List<AffectedEntry> entries = new ArrayList<>();
        for (List<Advisory> component : Correlation.components(closure, advisories)) {
            Vulnerability v = vulnerability(component);
            for (Advisory a : component) {
                for (String id : a.allIds()) vulnByAlias.put(id, v);
                for (Affected af : a.affected()) {
                    keys.add(af.key());
                    entries.add(new AffectedEntry(af, a, v));
                }
            }
        }
        rebuildKeys(keys, closure, old, entries);
    }

    private void rebuildKeys(Set<PackageKey> keys, Set<String> closure, List<Advisory> old, List<AffectedEntry> entries) {
        Set<String> stale = new HashSet<>(closure);
        for (Advisory a : old) stale.add(recordKey(a));
        Map<PackageKey, List<AffectedEntry>> rebuilt = new HashMap<>();
        for (PackageKey k : keys) {
            List<AffectedEntry> kept = new ArrayList<>();
            for (AffectedEntry e : byKey.getOrDefault(k, List.of())) {
                if (!stale.contains(recordKey(e.advisory()))) kept.add(e);
            }
            rebuilt.put(k, kept);
        }
        for (AffectedEntry e : entries) rebuilt.get(e.affected().key()).add(e);
        rebuilt.forEach((k, list) -> {
            if (list.isEmpty()) {
                if (byKey.remove(k) != null) groupOf(k, false);
            } else if (byKey.put(k, List.copyOf(list)) == null) {
                groupOf(k, true);
            }
        });
    }

    // Keeps artifactId → groups in step with the Maven keys (group:artifact) that have entries.
    // The sets are copied on write: an earlier index shares them.
    private void groupOf(PackageKey k, boolean add) {
        String artifact = k.mavenArtifact();
        if (artifact == null) return;
        String group = k.mavenGroup();
        Set<String> copy = new HashSet<>(mavenGroups.getOrDefault(artifact, Set.of()));
        if (add) copy.add(group);
        else copy.remove(group);
        if (copy.isEmpty()) mavenGroups.remove(artifact);
        else mavenGroups.put(artifact, Set.copyOf(copy));
    }

    // Every record reachable from the aliases through shared ids; returns the ids visited.
    private Set<String> closure(Set<String> start, Set<String> recordKeys) {
        Set<String> seen = new HashSet<>(start);
        Deque<String> queue = new ArrayDeque<>(start);
        while (!queue.isEmpty()) {
            for (String key : byAlias.getOrDefault(queue.pop(), Set.of())) {
                if (!recordKeys.add(key)) continue;
                for (String id : advisories.get(key).allIds()) {
                    if (seen.add(id)) queue.add(id);
                }
            }
        }
        return seen;
    }

    Vulnerability vulnerability(List<Advisory> records) {
        Set<String> ids = new LinkedHashSet<>();
        for (Advisory a : records) ids.addAll(a.allIds());
        String id = Correlation.preferredId(ids, records);
        List<String> aliases = new ArrayList<>(ids);
        aliases.remove(id);
        aliases.sort(null);
        return new Vulnerability(id, aliases, records, nvd.get(id), kev.get(id), epss.get(id));
    }

    private void link(String id, String key) {
        Set<String> keys = byAlias.get(id);
        Set<String> copy = keys == null ? new HashSet<>(2) : new HashSet<>(keys);
        copy.add(key);
        byAlias.put(id, copy);
    }

    private void unlink(String id, String key) {
        Set<String> keys = byAlias.get(id);
        if (keys == null || !keys.contains(key)) return;
        Set<String> copy = new HashSet<>(keys);
        copy.remove(key);
        if (copy.isEmpty()) byAlias.remove(id);
        else byAlias.put(id, copy);
    }
}
