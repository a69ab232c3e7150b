package io.spyglass.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.catalog.Package;
import io.spyglass.sbom.Sbom;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ground truth of one {@code build-mix-image.sh} image ({@code expected.json}, written by
 * {@code lib/expected_from_rootfs.py}) and the one comparison of an SBOM with it, used by
 * {@code MixImageAccuracyTest} and {@code bench/accuracy.sh} alike.
 *
 * <p>As the corpus README says, both sides are sets of (type, normalised name, version) per
 * image: an entry found at two paths is one expected package, and a package Spyglass reports at
 * two locations is one reported package. Recall is the share of expected packages reported (an
 * entry with {@code alt} is found by its own key or any alternative); precision is the share of
 * reported packages that match an expected or a {@code neutral} entry. A reported {@code absent}
 * entry (deleted by a whiteout) is always wrong.
 */
public record GroundTruth(String image, List<Expected> packages, List<TruthKey> neutral, List<TruthKey> absent) {

    /** One expected package: its key, the alternatives that also satisfy it, the paths it was read from. */
    public record Expected(TruthKey key, List<TruthKey> alts, List<String> paths) {
        public Expected {
            alts = List.copyOf(alts);
            paths = List.copyOf(paths);
        }

        public boolean matches(TruthKey reported) {
            return key.matches(reported) || alts.stream().anyMatch(a -> a.matches(reported));
        }
    }

    public GroundTruth {
        packages = List.copyOf(packages);
        neutral = List.copyOf(neutral);
        absent = List.copyOf(absent);
    }

    /** Every image of an {@code expected.json} ({@code {"mix-SEED": {packages, neutral, absent, …}}}), by name. */
    public static Map<String, GroundTruth> read(Path expectedJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(expectedJson.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, GroundTruth> out = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> out.put(e.getKey(), of(e.getKey(), e.getValue())));
        return out;
    }

    static GroundTruth of(String image, JsonNode truth) {
        // one Expected per distinct (key, alternatives): the paths of duplicates are kept for the report
        Map<String, Expected> packages = new TreeMap<>();
        for (JsonNode p : truth.path("packages")) {
            TruthKey key = key(p);
            List<TruthKey> alts = new ArrayList<>();
            p.path("alt").forEach(a -> alts.add(key(a)));
            String id = key + " " + alts;
            Expected before = packages.get(id);
            List<String> paths = new ArrayList<>(before == null ? List.of() : before.paths());
            if (p.hasNonNull("path")) paths.add(p.path("path").asText());
            packages.put(id, new Expected(key, alts, paths));
        }
        // neutral entries are patterns; one per workflow file or jar is many copies of the same one
        List<TruthKey> neutral = List.copyOf(new LinkedHashSet<>(keys(truth.path("neutral"))));
        return new GroundTruth(image, new ArrayList<>(packages.values()), neutral, keys(truth.path("absent")));
    }

    private static List<TruthKey> keys(JsonNode entries) {
        List<TruthKey> out = new ArrayList<>();
        entries.forEach(e -> out.add(key(e)));
        return out;
    }

    private static TruthKey key(JsonNode e) {
        return new TruthKey(e.path("type").asText(), e.path("name").asText(), e.path("version").asText());
    }

    /** Compares an SBOM of this image with the truth. */
    public Accuracy compare(Sbom sbom) {
        // reported packages as a set of keys, each with every location it was reported at
        Map<TruthKey, List<String>> reported = new TreeMap<>(Comparator.comparing(TruthKey::toString));
        Map<String, Integer> uncounted = new TreeMap<>();
        List<String> layers = sbom.image().layers().stream().map(l -> l.digest().toString()).toList();
        for (Package p : sbom.packages()) {
            TruthKey k = TruthKey.of(p);
            if (!TruthKey.COUNTED.contains(k.ecosystem())) {
                uncounted.merge(k.ecosystem(), 1, Integer::sum);
                continue;
            }
            List<String> where = reported.computeIfAbsent(k, x -> new ArrayList<>());
            p.locations().forEach(l -> where.add(l.path() + " (layer " + (layers.indexOf(l.layer()) + 1) + ")"));
        }
        Map<String, Accuracy.Row> rows = new LinkedHashMap<>();
        for (String eco : TruthKey.COUNTED) rows.put(eco, row(eco, reported));
        List<String> unknowns = sbom.unknowns().stream().map(u -> u.path() + " (" + u.message() + ")").toList();
        return new Accuracy(List.of(image), rows, uncounted, unknowns);
    }

    private Accuracy.Row row(String eco, Map<TruthKey, List<String>> reported) {
        List<Expected> expected = packages.stream().filter(e -> e.key().ecosystem().equals(eco)).toList();
        List<TruthKey> found = reported.keySet().stream().filter(k -> k.ecosystem().equals(eco)).toList();
        List<String> missing = new ArrayList<>();
        int matched = 0;
        for (Expected e : expected) {
            if (found.stream().anyMatch(e::matches)) matched++;
            else missing.add(e.key() + "  " + summarise(e.paths()));
        }
        List<String> extra = new ArrayList<>();
        int correct = 0;
        for (TruthKey k : found) {
            boolean expectedHere = expected.stream().anyMatch(e -> e.matches(k));
            boolean gone = !expectedHere && absent.stream().anyMatch(a -> a.matches(k));
            if (expectedHere || (!gone && neutral.stream().anyMatch(n -> n.matches(k)))) {
                correct++;
            } else {
                extra.add(k + "  " + summarise(reported.get(k)) + (gone ? "  [absent: deleted by a whiteout]" : hint(k, expected)));
            }
        }
        return new Accuracy.Row(eco, expected.size(), found.size(), matched, correct, missing, extra);
    }

    /** For an extra: the expected versions of the same name, which tell a wrong version from a made-up package. */
    private static String hint(TruthKey k, List<Expected> expected) {
        List<String> same = expected.stream().map(Expected::key).filter(e -> e.shortName().equals(k.shortName()))
                .map(e -> e.name() + " " + e.version()).distinct().sorted().limit(3).toList();
        return same.isEmpty() ? "" : "  [expected: " + String.join(", ", same) + "]";
    }

    private static String summarise(List<String> paths) {
        List<String> sorted = paths.stream().distinct().sorted().toList();
        if (sorted.size() <= 2) return String.join(", ", sorted);
        return sorted.get(0) + ", " + sorted.get(1) + " (+" + (sorted.size() - 2) + " more)";
    }
}
