package io.spyglass.compare;

import io.spyglass.catalog.Package;
import io.spyglass.sbom.Sbom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The packages of two images side by side, by type and name: added (only in the second), removed
 * (only in the first) and changed (in both, at other versions). An image may hold one name at
 * several versions (nested npm modules), so each side is the sorted set of its versions. Used by
 * {@code spyglass compare} and the server's compare page and API alike.
 */
public record PackageDelta(List<Change> added, List<Change> removed, List<Change> changed) {
    public PackageDelta {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /** One package name: its versions in the first image and in the second (empty where it is absent). */
    public record Change(String type, String name, List<String> from, List<String> to) {
        public Change {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
            from = List.copyOf(from);
            to = List.copyOf(to);
        }
    }

    /** What changed going from {@code from} to {@code to}, each list sorted by type then name. */
    public static PackageDelta of(Sbom from, Sbom to) {
        Map<List<String>, TreeSet<String>> a = versions(from);
        Map<List<String>, TreeSet<String>> b = versions(to);
        List<Change> added = new ArrayList<>();
        List<Change> removed = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        for (Map.Entry<List<String>, TreeSet<String>> e : b.entrySet()) {
            if (!a.containsKey(e.getKey())) added.add(change(e.getKey(), new TreeSet<>(), e.getValue()));
        }
        for (Map.Entry<List<String>, TreeSet<String>> e : a.entrySet()) {
            TreeSet<String> other = b.get(e.getKey());
            if (other == null) removed.add(change(e.getKey(), e.getValue(), new TreeSet<>()));
            else if (!other.equals(e.getValue())) changed.add(change(e.getKey(), e.getValue(), other));
        }
        return new PackageDelta(added, removed, changed);
    }

    private static Change change(List<String> key, TreeSet<String> from, TreeSet<String> to) {
        return new Change(key.get(0), key.get(1), List.copyOf(from), List.copyOf(to));
    }

    /** [type, name] → its versions, sorted by type then name. */
    private static Map<List<String>, TreeSet<String>> versions(Sbom sbom) {
        Map<List<String>, TreeSet<String>> m = new TreeMap<>((x, y) -> {
            int c = x.get(0).compareTo(y.get(0));
            return c != 0 ? c : x.get(1).compareTo(y.get(1));
        });
        for (Package p : sbom.packages()) {
            m.computeIfAbsent(List.of(p.type().id(), p.name()), k -> new TreeSet<>()).add(String.valueOf(p.version()));
        }
        return m;
    }
}
