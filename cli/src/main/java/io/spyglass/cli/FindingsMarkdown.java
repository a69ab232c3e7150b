package io.spyglass.cli;

import io.spyglass.match.Finding;
import io.spyglass.sbom.Sbom;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A GitHub-flavoured markdown table, for pull-request comments and job summaries. */
final class FindingsMarkdown implements FindingsFormat {

    @Override
    public void write(Sbom sbom, List<Finding> findings, OutputStream stream) {
        PrintStream out = new PrintStream(stream, false, StandardCharsets.UTF_8);
        String image = sbom.image() == null || sbom.image().reference() == null ? "image" : sbom.image().reference();
        out.println("## Vulnerabilities of " + cell(image));
        out.println();
        if (findings.isEmpty()) {
            out.println("No vulnerabilities found.");
        } else {
            out.println("| Severity | Vulnerability | Package | Type | Installed | Fixed in | Source |");
            out.println("|---|---|---|---|---|---|---|");
            for (Finding f : findings) {
                out.printf("| %s | %s | %s | %s | %s | %s | %s |%n", f.level().id(), cell(f.vulnerabilityId()), cell(f.pkg().name()),
                        f.pkg().type().id(), cell(f.pkg().version()), f.isFixable() ? cell(f.fixedVersion()) : "",
                        cell(String.join(", ", f.sources())));
            }
        }
        out.flush();
    }

    /** Pipes and newlines would break the table row. */
    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace('\n', ' ');
    }
}
