package io.spyglass.cli;

import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.Severity;
import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Package;
import io.spyglass.match.Finding;
import io.spyglass.match.Matcher;
import io.spyglass.sbom.Sbom;
import java.io.IOException;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "quickview", description = "One screen about an image: distro, packages, vulnerabilities by severity and how many are fixable.")
final class QuickviewCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = ImageOptions.IMAGE_HELP)
    String image;

    @Mixin LocalAdvisories advisories;
    @Mixin ImageOptions imageOptions;

    /** An error is one line on standard error, exit code 1 (see {@link Main}). */
    @Override
    public Integer call() throws IOException {
        if (imageOptions.onServer(image)) {
            ServerReports.Fetched fetched = imageOptions.fetch(image, System.err);
            // the server's counts leave out what the repository's VEX suppresses; so does this
            List<Finding> counted = fetched.findings().stream()
                    .filter(f -> fetched.verdicts().get(f) == null || !fetched.verdicts().get(f).suppresses()).toList();
            print(fetched.sbom(), counted, System.out);
            if (counted.size() < fetched.findings().size()) {
                System.out.printf("%-16s %d%n", "suppressed (VEX)", fetched.findings().size() - counted.size());
            }
            fetched.base().printBase(System.out);
            return 0;
        }
        AdvisoryIndex index = advisories.require();
        Sbom sbom = imageOptions.read(image, System.err);
        print(sbom, new Matcher(index).match(sbom), System.out);
        return 0;
    }

    static void print(Sbom sbom, List<Finding> findings, PrintStream out) {
        out.printf("%-16s %s%n", "image", sbom.image().reference() == null ? "-" : sbom.image().reference());
        if (sbom.image().digest() != null) out.printf("%-16s %s%n", "digest", sbom.image().digest());
        if (sbom.image().platform() != null) out.printf("%-16s %s%n", "platform", sbom.image().platform());
        out.printf("%-16s %s%n", "distro", distro(sbom.distro()));
        Map<String, Integer> byType = new TreeMap<>();
        for (Package p : sbom.packages()) byType.merge(p.type().id(), 1, Integer::sum);
        out.printf("%-16s %d %s%n", "packages", sbom.packages().size(), byType);
        Map<Severity, int[]> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) counts.put(s, new int[2]);
        for (Finding f : findings) {
            int[] c = counts.get(f.level());
            c[0]++;
            if (f.isFixable()) c[1]++;
        }
        long fixable = findings.stream().filter(Finding::isFixable).count();
        out.printf("%-16s %d (%d fixable)%n", "vulnerabilities", findings.size(), fixable);
        for (Severity s : Severity.values()) {
            out.printf("  %-14s %5d (%d fixable)%n", s.id(), counts.get(s)[0], counts.get(s)[1]);
        }
    }

    private static String distro(Distro d) {
        if (d == null || !d.isKnown()) return "unknown";
        return d.id() + (d.versionId() == null ? "" : " " + d.versionId()) + (d.codename() == null ? "" : " (" + d.codename() + ")");
    }
}
