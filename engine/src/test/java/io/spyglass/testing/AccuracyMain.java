package io.spyglass.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/accuracy.sh}'s report: {@code AccuracyMain DIR…} catalogs each {@code build-mix-image.sh}
 * output folder, prints each image's table with its missing and extra packages, then one line per
 * image and the sums over all of them. The comparison is {@link GroundTruth#compare}, the same one
 * {@code MixImageAccuracyTest} asserts on.
 */
public final class AccuracyMain {
    private AccuracyMain() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: AccuracyMain DIR... (folders made by build-mix-image.sh: expected.json + oci/)");
            System.exit(2);
        }
        List<Accuracy> all = new ArrayList<>();
        for (String arg : args) {
            Path dir = Path.of(arg);
            if (!MixImages.isBuilt(dir)) {
                System.out.println("== " + dir + ": no expected.json and oci/index.json here, skipped\n");
                continue;
            }
            for (Accuracy a : MixImages.measure(dir)) {
                System.out.println("== " + a.images().get(0) + " (" + dir + ")");
                System.out.println(a.report());
                all.add(a);
            }
        }
        if (all.isEmpty()) System.exit(1);
        System.out.println(summary(all));
    }

    /** One line per image, recall/precision per ecosystem, then the sums (all matched / all expected). */
    static String summary(List<Accuracy> all) {
        Accuracy total = Accuracy.sum(all);
        StringBuilder out = new StringBuilder("== recall/precision per image (\"-\": nothing expected, or nothing reported)\n");
        out.append(String.format(Locale.ROOT, "%-12s", "image"));
        TruthKey.COUNTED.forEach(e -> out.append(String.format(Locale.ROOT, " %-15s", e)));
        out.setLength(out.toString().stripTrailing().length());
        out.append('\n');
        List<Accuracy> lines = new ArrayList<>(all);
        lines.add(total);
        for (Accuracy a : lines) {
            out.append(String.format(Locale.ROOT, "%-12s", a == total ? "all" : a.images().get(0)));
            for (String eco : TruthKey.COUNTED) {
                Accuracy.Row r = a.rows().get(eco);
                String cell = r.expected() == 0 && r.found() == 0 ? "-" : ratio(r.expected(), r.recall()) + "/" + ratio(r.found(), r.precision());
                out.append(String.format(Locale.ROOT, " %-15s", cell));
            }
            out.setLength(out.toString().stripTrailing().length());
            out.append('\n');
        }
        out.append("\n== all ").append(all.size()).append(" image(s)\n").append(total.table());
        return out.toString();
    }

    private static String ratio(int denominator, double value) {
        return denominator == 0 ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }
}
