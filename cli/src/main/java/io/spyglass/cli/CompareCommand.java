package io.spyglass.cli;

import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.compare.FindingDelta;
import io.spyglass.compare.PackageDelta;
import io.spyglass.match.Finding;
import io.spyglass.match.Matcher;
import io.spyglass.sbom.Sbom;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Two images side by side: packages (by type + name) added, removed or at other versions, and
 * vulnerabilities (by id + package type + name) added or removed going from IMAGE to --to. The
 * comparison is the engine's ({@link PackageDelta}, {@link FindingDelta}), as on the server's compare page.
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
        printPackages(PackageDelta.of(from, other), out);
        Optional<AdvisoryIndex> index = advisories.index();
        if (index.isEmpty()) {
            System.err.println("spyglass compare: vulnerabilities not compared: " + advisories.emptyHint());
            return 0;
        }
        Matcher matcher = new Matcher(index.get());
        printVulnerabilities(FindingDelta.of(matcher.match(from), matcher.match(other)), out);
        return 0;
    }

    private static void printPackages(PackageDelta delta, PrintStream out) {
        out.printf("packages: %d added, %d removed, %d changed%n", delta.added().size(), delta.removed().size(), delta.changed().size());
        for (PackageDelta.Change c : delta.added()) out.println("+ " + c.type() + " " + c.name() + " " + String.join(",", c.to()));
        for (PackageDelta.Change c : delta.removed()) out.println("- " + c.type() + " " + c.name() + " " + String.join(",", c.from()));
        for (PackageDelta.Change c : delta.changed()) {
            out.println("~ " + c.type() + " " + c.name() + " " + String.join(",", c.from()) + " -> " + String.join(",", c.to()));
        }
    }

    private static void printVulnerabilities(FindingDelta delta, PrintStream out) {
        out.printf("vulnerabilities: %d added, %d removed%n", delta.added().size(), delta.fixed().size());
        for (Finding f : delta.added()) out.println("+ " + line(f));
        for (Finding f : delta.fixed()) out.println("- " + line(f));
    }

    private static String line(Finding f) {
        return f.vulnerabilityId() + " " + f.level().id() + " " + f.pkg().type().id() + " " + f.pkg().name() + " " + f.pkg().version();
    }
}
