package io.spyglass.cli;

import io.spyglass.match.Finding;
import io.spyglass.sbom.Sbom;
import io.spyglass.vex.VexVerdict;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A GitHub-flavoured markdown table, for pull-request comments and job summaries. An uncertain
 * finding's fix carries a "?" and its reason in the Note column; findings a VEX statement suppresses
 * follow in their own table.
 */
final class FindingsMarkdown implements FindingsFormat {

    @Override
    public void write(Sbom sbom, List<Finding> findings, Map<Finding, VexVerdict> vex, OutputStream stream) {
        PrintStream out = new PrintStream(stream, false, StandardCharsets.UTF_8);
        String image = sbom.image() == null || sbom.image().reference() == null ? "image" : sbom.image().reference();
        out.println("## Vulnerabilities of " + cell(image));
        out.println();
        List<Finding> shown = findings.stream().filter(f -> vex.get(f) == null || !vex.get(f).suppresses()).toList();
        List<Finding> suppressed = findings.stream().filter(f -> vex.get(f) != null && vex.get(f).suppresses()).toList();
        if (shown.isEmpty()) {
            out.println("No vulnerabilities found.");
        } else {
            out.println("| Severity | Vulnerability | Package | Type | Installed | Fixed in | Source | Note |");
            out.println("|---|---|---|---|---|---|---|---|");
            for (Finding f : shown) {
                String fix = (f.isFixable() ? cell(f.fixedVersion()) : "") + (f.uncertain() ? "?" : "");
                out.printf("| %s | %s | %s | %s | %s | %s | %s | %s |%n", f.level().id(), cell(f.vulnerabilityId()), cell(f.pkg().name()),
                        f.pkg().type().id(), cell(f.pkg().version()), fix, cell(String.join(", ", f.sources())), cell(note(f, vex.get(f))));
            }
        }
        if (!suppressed.isEmpty()) {
            out.println();
            out.println("### Suppressed by VEX (" + suppressed.size() + ", not counted)");
            out.println();
            out.println("| Vulnerability | Package | Installed | Reason | Author |");
            out.println("|---|---|---|---|---|");
            for (Finding f : suppressed) {
                VexVerdict v = vex.get(f);
                out.printf("| %s | %s | %s | %s | %s |%n", cell(f.vulnerabilityId()), cell(f.pkg().name()), cell(f.pkg().version()),
                        cell(v.describe()), cell(v.author() == null ? v.documentId() : v.author()));
            }
        }
        out.flush();
    }

    private static String note(Finding f, VexVerdict v) {
        String uncertain = f.uncertain() ? "uncertain" + (f.note() == null ? "" : ": " + f.note()) : "";
        if (v == null) return uncertain;
        return uncertain.isEmpty() ? v.describe() : uncertain + "; " + v.describe();
    }

    /** Pipes and newlines would break the table row. */
    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace('\n', ' ');
    }
}
