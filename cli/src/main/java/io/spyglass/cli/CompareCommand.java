package io.spyglass.cli;

import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.catalog.Package;
import io.spyglass.match.Finding;
import io.spyglass.match.Matcher;
import io.spyglass.sbom.Sbom;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Two images side by side: packages (by type + name) added, removed or at other versions, and
 * vulnerabilities (by id + package type + name) added or removed going from IMAGE to --to.
 */
@Command(name = "compare", description = "Compare the packages and vulnerabilities of two images.")
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = ImageOptions.IMAGE_HELP)
    String image;

    @Option(names = "--to", required = true, paramLabel = "IMAGE", description = "The image to compare with.")
    String to;

    @Mixin LocalAdvisories advisories;
    @Mixin ImageOptions imageOptions;

    /** An error is one line on standard error, exit code 1 (see {@link Main}). */
    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        Sbom from = imageOptions.read(image, System.err);
        Sbom other = imageOptions.read(to, System.err);
        printPackages(versions(from), versions(other), out);
        Optional<AdvisoryIndex> index = advisories.index();
        if (index.isEmpty()) {
            System.err.println("spyglass compare: vulnerabilities not compared: " + advisories.emptyHint());
            return 0;
        }
        Matcher matcher = new Matcher(index.get());
        printVulnerabilities(vulnerabilities(matcher.match(from)), vulnerabilities(matcher.match(other)), out);
        return 0;
    }

    /** type name → its versions (an image may hold one name at several versions, e.g. nested npm modules). */
    private static Map<String, TreeSet<String>> versions(Sbom sbom) {
        Map<String, TreeSet<String>> m = new TreeMap<>();
        for (Package p : sbom.packages()) {
            m.computeIfAbsent(p.type().id() + " " + p.name(), k -> new TreeSet<>()).add(String.valueOf(p.version()));
        }
        return m;
    }

    private static Map<String, Finding> vulnerabilities(List<Finding> findings) {
        Map<String, Finding> m = new TreeMap<>();
        for (Finding f : findings) m.putIfAbsent(f.vulnerabilityId() + " " + f.pkg().type().id() + " " + f.pkg().name(), f);
        return m;
    }

    private static void printPackages(Map<String, TreeSet<String>> a, Map<String, TreeSet<String>> b, PrintStream out) {
        List<String> added = b.keySet().stream().filter(k -> !a.containsKey(k)).toList();
        List<String> removed = a.keySet().stream().filter(k -> !b.containsKey(k)).toList();
        List<String> changed = a.keySet().stream().filter(b::containsKey).filter(k -> !a.get(k).equals(b.get(k))).toList();
        out.printf("packages: %d added, %d removed, %d changed%n", added.size(), removed.size(), changed.size());
        for (String k : added) out.println("+ " + k + " " + String.join(",", b.get(k)));
        for (String k : removed) out.println("- " + k + " " + String.join(",", a.get(k)));
        for (String k : changed) out.println("~ " + k + " " + String.join(",", a.get(k)) + " -> " + String.join(",", b.get(k)));
    }

    private static void printVulnerabilities(Map<String, Finding> a, Map<String, Finding> b, PrintStream out) {
        List<Finding> added = b.entrySet().stream().filter(e -> !a.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        List<Finding> removed = a.entrySet().stream().filter(e -> !b.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        out.printf("vulnerabilities: %d added, %d removed%n", added.size(), removed.size());
        for (Finding f : added) out.println("+ " + line(f));
        for (Finding f : removed) out.println("- " + line(f));
    }

    private static String line(Finding f) {
        return f.vulnerabilityId() + " " + f.level().id() + " " + f.pkg().type().id() + " " + f.pkg().name() + " " + f.pkg().version();
    }
}
