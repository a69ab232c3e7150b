package io.spyglass.advisory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Compares a source's previous records with its new ones, by content hash, into a {@link ChangeSet}. */
public final class ChangeDetector {
    private ChangeDetector() {}

    /** A record and the hash of its canonical serialisation. */
    public record Hashed(String hash, SourceRecord record) {}

    public static ChangeSet diff(String source, Map<String, Hashed> before, Map<String, Hashed> after) {
        List<ChangeSet.Change> changes = new ArrayList<>();
        Set<String> enriched = new TreeSet<>();
        Set<String> ids = new TreeSet<>();
        int added = 0, changed = 0, removed = 0;
        for (Map.Entry<String, Hashed> e : after.entrySet()) {
            Hashed old = before.get(e.getKey());
            SourceRecord now = e.getValue().record();
            if (old == null) {
                added++;
                ids.add(e.getKey());
                if (now instanceof Advisory a) addAll(changes, a, a.isWithdrawn() ? ChangeReason.WITHDRAWN : ChangeReason.NEW_ADVISORY);
                else enriched.add(now.id());
            } else if (!old.hash().equals(e.getValue().hash())) {
                changed++;
                ids.add(e.getKey());
                if (now instanceof Advisory a && old.record() instanceof Advisory b) compare(changes, b, a);
                else enriched.add(now.id());
            }
        }
        for (Map.Entry<String, Hashed> e : before.entrySet()) {
            if (after.containsKey(e.getKey())) continue;
            removed++;
            ids.add(e.getKey());
            if (e.getValue().record() instanceof Advisory a) addAll(changes, a, ChangeReason.REMOVED);
            else enriched.add(e.getKey());
        }
        return new ChangeSet(source, changes, enriched, ids, added, changed, removed);
    }

    private static void addAll(List<ChangeSet.Change> out, Advisory a, ChangeReason reason) {
        for (PackageKey k : keysOf(a).keySet()) out.add(new ChangeSet.Change(k, a.id(), reason));
    }

    private static void compare(List<ChangeSet.Change> out, Advisory before, Advisory after) {
        if (after.isWithdrawn() && !before.isWithdrawn()) {
            Map<PackageKey, List<Affected>> keys = keysOf(before);
            keys.putAll(keysOf(after));
            for (PackageKey k : keys.keySet()) out.add(new ChangeSet.Change(k, after.id(), ChangeReason.WITHDRAWN));
            return;
        }
        Map<PackageKey, List<Affected>> old = keysOf(before);
        Map<PackageKey, List<Affected>> now = keysOf(after);
        Set<PackageKey> all = new TreeSet<>(old.keySet());
        all.addAll(now.keySet());
        for (PackageKey k : all) {
            List<Affected> o = old.getOrDefault(k, List.of());
            List<Affected> n = now.getOrDefault(k, List.of());
            ChangeReason reason;
            if (o.equals(n)) reason = ChangeReason.CHANGED_DETAILS;
            // a package new to the advisory is a changed range even when it comes with a fix
            else if (!o.isEmpty() && !fixes(o).containsAll(fixes(n))) reason = ChangeReason.FIXED_VERSION_PUBLISHED;
            else reason = ChangeReason.CHANGED_RANGE;
            out.add(new ChangeSet.Change(k, after.id(), reason));
        }
    }

    private static Set<String> fixes(List<Affected> entries) {
        Set<String> out = new HashSet<>();
        for (Affected a : entries) out.addAll(a.fixedVersions());
        return out;
    }

    private static Map<PackageKey, List<Affected>> keysOf(Advisory a) {
        Map<PackageKey, List<Affected>> keys = new LinkedHashMap<>();
        for (Affected af : a.affected()) keys.computeIfAbsent(af.key(), x -> new ArrayList<>()).add(af);
        return keys;
    }
}
