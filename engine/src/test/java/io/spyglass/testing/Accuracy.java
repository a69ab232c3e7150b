package io.spyglass.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link GroundTruth#compare} found for one image (or, summed, for several): per ecosystem
 * the expected and reported package counts, the expected ones reported ({@code matched}), the
 * reported ones that are right ({@code correct}), and the missing and extra packages with their
 * paths. Printed as plain text that reads in a terminal and quotes in a note.
 */
public record Accuracy(List<String> images, Map<String, Row> rows, Map<String, Integer> uncounted, List<String> unknowns) {

    /** One ecosystem. {@code matched} counts expected packages found; {@code correct} counts reported packages that are right. */
    public record Row(String ecosystem, int expected, int found, int matched, int correct, List<String> missing, List<String> extra) {
        public Row {
            missing = List.copyOf(missing);
            extra = List.copyOf(extra);
        }

        /** Share of expected packages reported; 1 when none was expected. */
        public double recall() {
            return expected == 0 ? 1.0 : (double) matched / expected;
        }

        /** Share of reported packages that are right; 1 when none was reported. */
        public double precision() {
            return found == 0 ? 1.0 : (double) correct / found;
        }

        Row plus(Row o) {
            List<String> m = new ArrayList<>(missing);
            m.addAll(o.missing);
            List<String> x = new ArrayList<>(extra);
            x.addAll(o.extra);
            return new Row(ecosystem, expected + o.expected, found + o.found, matched + o.matched, correct + o.correct, m, x);
        }
    }

    public Accuracy {
        images = List.copyOf(images);
        rows = new LinkedHashMap<>(rows);
        uncounted = new TreeMap<>(uncounted);
        unknowns = List.copyOf(unknowns);
    }

    /** The sums over several images (micro-averaged: recall = all matched / all expected); missing and extra lines keep their image. */
    public static Accuracy sum(List<Accuracy> all) {
        List<String> images = new ArrayList<>();
        Map<String, Row> rows = new LinkedHashMap<>();
        Map<String, Integer> uncounted = new TreeMap<>();
        List<String> unknowns = new ArrayList<>();
        for (Accuracy a : all) {
            images.addAll(a.images);
            String tag = a.images.size() == 1 ? a.images.get(0) + ": " : "";
            for (Row r : a.rows.values()) {
                Row tagged = new Row(r.ecosystem, r.expected, r.found, r.matched, r.correct,
                        r.missing.stream().map(s -> tag + s).toList(), r.extra.stream().map(s -> tag + s).toList());
                rows.merge(r.ecosystem, tagged, Row::plus);
            }
            a.uncounted.forEach((k, v) -> uncounted.merge(k, v, Integer::sum));
            a.unknowns.forEach(u -> unknowns.add(tag + u));
        }
        return new Accuracy(images, rows, uncounted, unknowns);
    }

    /** The ecosystems that have expected packages and miss {@code threshold} in recall or precision. */
    public List<String> below(double threshold) {
        return rows.values().stream().filter(r -> r.expected > 0)
                .filter(r -> r.recall() < threshold || r.precision() < threshold).map(Row::ecosystem).toList();
    }

    /** The per-ecosystem table, then what is not counted. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-8s %8s %8s %8s %8s %9s %9s%n",
                "type", "expected", "found", "matched", "correct", "recall", "precision"));
        for (Row r : rows.values()) {
            if (r.expected == 0 && r.found == 0) continue;
            out.append(String.format(Locale.ROOT, "%-8s %8d %8d %8d %8d %9s %9s%n", r.ecosystem, r.expected, r.found,
                    r.matched, r.correct, ratio(r.expected, r.recall()), ratio(r.found, r.precision())));
        }
        out.append("not counted (expected.json has no packages of these types): ")
                .append(uncounted.isEmpty() ? "none" : uncounted.toString().replaceAll("[{}]", "")).append('\n');
        return out.toString();
    }

    /** The table followed by every missing and extra package and every unknown. */
    public String report() {
        StringBuilder out = new StringBuilder(table());
        for (Row r : rows.values()) {
            list(out, "missing " + r.ecosystem + " (expected, not reported)", r.missing);
            list(out, "extra " + r.ecosystem + " (reported, not expected)", r.extra);
        }
        list(out, "unknowns (files Spyglass could not read)", unknowns);
        return out.toString();
    }

    private static void list(StringBuilder out, String title, List<String> lines) {
        if (lines.isEmpty()) return;
        out.append('\n').append(title).append(": ").append(lines.size()).append('\n');
        lines.stream().sorted().forEach(l -> out.append("  ").append(l).append('\n'));
    }

    private static String ratio(int denominator, double value) {
        return denominator == 0 ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }
}
