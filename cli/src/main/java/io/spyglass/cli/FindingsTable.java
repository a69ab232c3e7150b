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
 * The default, grype-like table: one line per finding, worst first. LOCATION tells apart the same
 * package found at two paths (a jar bundled twice), which would otherwise read as a duplicate row.
 * Findings a VEX statement suppresses follow in their own table, with the reason, and are not counted.
 */
final class FindingsTable implements FindingsFormat {
    private static final String ROW = "%-32s %-22s %-16s %-8s %-22s %-10s %-12s %s%n";

    @Override
    public void write(Sbom sbom, List<Finding> findings, Map<Finding, VexVerdict> vex, OutputStream stream) {
        PrintStream out = new PrintStream(stream, false, StandardCharsets.UTF_8);
        List<Finding> shown = findings.stream().filter(f -> !suppressed(vex.get(f))).toList();
        List<Finding> suppressed = findings.stream().filter(f -> suppressed(vex.get(f))).toList();
        if (shown.isEmpty()) {
            out.println("no vulnerabilities found");
        } else {
            out.printf(ROW, "NAME", "INSTALLED", "FIXED-IN", "TYPE", "VULNERABILITY", "SEVERITY", "SOURCE", "LOCATION");
            for (Finding f : shown) {
                VexVerdict v = vex.get(f);
                out.printf(ROW, f.pkg().name(), f.pkg().version(), fixedIn(f), f.pkg().type().id(), f.vulnerabilityId(),
                        f.level().id(), String.join(",", f.sources()), location(f) + (v == null ? "" : "  [" + v.describe() + "]"));
            }
        }
        if (!suppressed.isEmpty()) {
            out.println();
            out.println(suppressed.size() + " suppressed by VEX (not counted):");
            for (Finding f : suppressed) {
                VexVerdict v = vex.get(f);
                out.printf("  %s %s %s: %s (%s%s)%n", f.pkg().name(), f.pkg().version(), f.vulnerabilityId(), v.describe(),
                        v.author() == null ? v.documentId() : v.author(), v.timestamp() == null ? "" : ", " + v.timestamp());
            }
        }
        out.flush();
    }

    private static boolean suppressed(VexVerdict v) {
        return v != null && v.suppresses();
    }

    // "?": a version could not be compared, or the package's Maven group was inferred, so neither
    // "affected" nor "no fix" is known for sure; a fix is shown with the "?" after it
    private static String fixedIn(Finding f) {
        String mark = f.uncertain() ? "?" : "";
        return f.isFixable() ? f.fixedVersion() + mark : mark;
    }

    private static String location(Finding f) {
        return f.pkg().locations().isEmpty() ? "" : f.pkg().locations().get(0).path();
    }
}
