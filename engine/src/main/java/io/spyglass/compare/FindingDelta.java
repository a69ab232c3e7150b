package io.spyglass.compare;

import io.spyglass.match.Finding;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The vulnerabilities of two images side by side, by vulnerability id, package type and name (not
 * version: a package upgraded that still has the vulnerability is neither fixed nor added): added
 * (only in the second) and fixed (only in the first). Used by {@code spyglass compare} and the
 * server's compare page and API alike.
 */
public record FindingDelta(List<Finding> added, List<Finding> fixed) {
    public FindingDelta {
        added = List.copyOf(added);
        fixed = List.copyOf(fixed);
    }

    /** What changed going from findings {@code from} to {@code to}, each list sorted by id, type, name. */
    public static FindingDelta of(List<Finding> from, List<Finding> to) {
        Map<String, Finding> a = byKey(from);
        Map<String, Finding> b = byKey(to);
        List<Finding> added = b.entrySet().stream().filter(e -> !a.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        List<Finding> fixed = a.entrySet().stream().filter(e -> !b.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        return new FindingDelta(added, fixed);
    }

    private static Map<String, Finding> byKey(List<Finding> findings) {
        Map<String, Finding> m = new TreeMap<>();
        for (Finding f : findings) m.putIfAbsent(f.vulnerabilityId() + " " + f.pkg().type().id() + " " + f.pkg().name(), f);
        return m;
    }
}
