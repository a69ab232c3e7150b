package io.spyglass.advisory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The in-memory advisory index the matcher reads: (namespace, normalised name) → affected entries
 * with their advisory and correlated vulnerability; vulnerabilities by id or any alias. Immutable
 * and so safe to share between threads; {@link #apply} returns a new index that re-correlates only
 * what a change set touched. Withdrawn advisories are left out.
 */
public final class AdvisoryIndex {
    private final IndexState state;

    private AdvisoryIndex(IndexState state) {
        this.state = state;
    }

    public static AdvisoryIndex empty() {
        return new AdvisoryIndex(new IndexState());
    }

    /** Builds the index from everything a store holds. */
    public static AdvisoryIndex build(AdvisoryData data) {
        IndexState s = new IndexState();
        Set<String> touched = new HashSet<>();
        data.nvd().forEach(r -> s.nvd.put(r.id(), r));
        data.kev().forEach(r -> s.kev.put(r.id(), r));
        data.epss().forEach(r -> s.epss.put(r.id(), r));
        s.apply(data.advisories(), List.of(), touched);
        return new AdvisoryIndex(s);
    }

    /**
     * A new index with one source's import applied: the records named in {@code changes} are taken
     * from {@code sourceRecords} (the source's records after the import), or dropped when absent.
     */
    public AdvisoryIndex apply(ChangeSet changes, Collection<? extends SourceRecord> sourceRecords) {
        if (changes.isEmpty()) return this;
        Map<String, SourceRecord> now = new HashMap<>();
        for (SourceRecord r : sourceRecords) {
            if (changes.recordIds().contains(r.id())) now.put(r.id(), r);
        }
        IndexState s = state.copy();
        List<Advisory> upserts = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Set<String> touched = new HashSet<>();
        RecordKind kind = kindOf(changes.source(), sourceRecords);
        for (String id : changes.recordIds()) {
            SourceRecord r = now.get(id);
            if (r instanceof Advisory a) upserts.add(a);
            else if (r == null) {
                removed.add(IndexState.recordKey(changes.source(), id));
                if (kind != RecordKind.ADVISORY) {
                    touched.add(id);
                    dropEnrichment(s, kind, id);
                }
            } else {
                touched.add(id);
                if (r instanceof NvdRecord n) s.nvd.put(id, n);
                else if (r instanceof KevEntry k) s.kev.put(id, k);
                else if (r instanceof EpssScore e) s.epss.put(id, e);
            }
        }
        s.apply(upserts, removed, touched);
        return new AdvisoryIndex(s);
    }

    /** The affected entries for a package; the name is normalised for the namespace first. */
    public List<AffectedEntry> lookup(String namespace, String name) {
        return lookup(new PackageKey(namespace, name));
    }

    public List<AffectedEntry> lookup(PackageKey key) {
        return state.byKey.getOrDefault(key, List.of());
    }

    /**
     * The Maven groups whose {@code group:artifact} has entries for this artifactId, sorted. Lets a
     * jar whose group is unknown be matched when the advisory data names only one group for it.
     */
    public Set<String> mavenGroups(String artifactId) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(state.mavenGroups.getOrDefault(artifactId, Set.of())));
    }

    /**
     * The vulnerability known by this id or alias. A CVE that only enrichment sources know (NVD,
     * KEV, EPSS) gives a vulnerability with no records.
     */
    public Optional<Vulnerability> vulnerability(String idOrAlias) {
        Vulnerability v = state.vulnByAlias.get(idOrAlias);
        if (v != null) return Optional.of(v);
        NvdRecord n = state.nvd.get(idOrAlias);
        KevEntry k = state.kev.get(idOrAlias);
        EpssScore e = state.epss.get(idOrAlias);
        if (n == null && k == null && e == null) return Optional.empty();
        return Optional.of(new Vulnerability(idOrAlias, List.of(), List.of(), n, k, e));
    }

    /** Every package key with at least one entry. */
    public Set<PackageKey> keys() {
        return state.byKey.keySet();
    }

    /** The distinct correlated vulnerabilities (those with at least one live advisory). */
    public Collection<Vulnerability> vulnerabilities() {
        // identity, not equals: a record's hashCode walks every advisory it holds
        Set<Vulnerability> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(state.vulnByAlias.values());
        List<Vulnerability> sorted = new ArrayList<>(distinct);
        sorted.sort(Comparator.comparing(Vulnerability::id));
        return sorted;
    }

    public int advisoryCount() {
        return state.advisories.size();
    }

    public Optional<NvdRecord> nvd(String cve) {
        return Optional.ofNullable(state.nvd.get(cve));
    }

    public Optional<KevEntry> kev(String cve) {
        return Optional.ofNullable(state.kev.get(cve));
    }

    public Optional<EpssScore> epss(String cve) {
        return Optional.ofNullable(state.epss.get(cve));
    }

    // An emptied source has no record to tell its kind; the enrichment sources have fixed names.
    private static RecordKind kindOf(String source, Collection<? extends SourceRecord> records) {
        if (!records.isEmpty()) return RecordKind.of(records.iterator().next());
        return switch (source) {
            case "nvd" -> RecordKind.NVD;
            case "kev" -> RecordKind.KEV;
            case "epss" -> RecordKind.EPSS;
            default -> RecordKind.ADVISORY;
        };
    }

    private static void dropEnrichment(IndexState s, RecordKind kind, String id) {
        switch (kind) {
            case KEV -> s.kev.remove(id);
            case EPSS -> s.epss.remove(id);
            case NVD -> s.nvd.remove(id);
            default -> { }
        }
    }
}
