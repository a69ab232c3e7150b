package io.spyglass.advisory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Groups records that share an id or alias, and picks the id a vulnerability is shown under. */
final class Correlation {
    private static final Pattern CVE = Pattern.compile("CVE-(\\d{4})-(\\d+)");

    private Correlation() {}

    /** The connected components of {@code recordKeys}, records linked when they share any id; sorted, deterministic. */
    static List<List<Advisory>> components(Set<String> recordKeys, Map<String, Advisory> advisories) {
        Map<String, String> parent = new HashMap<>();
        Map<String, String> ownerOfId = new HashMap<>();
        for (String key : recordKeys) {
            parent.put(key, key);
            for (String id : advisories.get(key).allIds()) {
                String other = ownerOfId.putIfAbsent(id, key);
                if (other != null) union(parent, key, other);
            }
        }
        Map<String, List<Advisory>> groups = new TreeMap<>();
        for (String key : recordKeys) groups.computeIfAbsent(find(parent, key), k -> new ArrayList<>()).add(advisories.get(key));
        List<List<Advisory>> out = new ArrayList<>(groups.size());
        for (List<Advisory> g : groups.values()) {
            g.sort(Comparator.comparing(Advisory::source).thenComparing(Advisory::id));
            out.add(g);
        }
        return out;
    }

    /** The lowest CVE id (by year and number), else the lowest GHSA id, else the first record's id. */
    static String preferredId(Set<String> ids, List<Advisory> records) {
        String best = null;
        for (String id : ids) {
            if (CVE.matcher(id).matches() && (best == null || compareCve(id, best) < 0)) best = id;
        }
        if (best != null) return best;
        for (String id : ids) {
            if (id.startsWith("GHSA-") && (best == null || id.compareTo(best) < 0)) best = id;
        }
        return best != null ? best : records.get(0).id();
    }

    private static int compareCve(String a, String b) {
        Matcher ma = CVE.matcher(a);
        Matcher mb = CVE.matcher(b);
        ma.matches();
        mb.matches();
        int c = Integer.compare(Integer.parseInt(ma.group(1)), Integer.parseInt(mb.group(1)));
        return c != 0 ? c : Long.compare(Long.parseLong(ma.group(2)), Long.parseLong(mb.group(2)));
    }

    private static String find(Map<String, String> parent, String x) {
        String root = x;
        while (!parent.get(root).equals(root)) root = parent.get(root);
        while (!parent.get(x).equals(root)) {
            String next = parent.get(x);
            parent.put(x, root);
            x = next;
        }
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) parent.put(ra, rb);
    }
}
