package io.spyglass.cli;

import io.spyglass.match.Finding;
import io.spyglass.sbom.Sbom;
import io.spyglass.vex.VexVerdict;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** One output format of {@code spyglass cves}: one class per format. */
interface FindingsFormat {
    /** {@code vex}: the VEX verdict of each finding that has one; a suppressing one is shown apart and not counted. */
    void write(Sbom sbom, List<Finding> findings, Map<Finding, VexVerdict> vex, OutputStream out) throws IOException;

    static FindingsFormat byName(String name) {
        return switch (name) {
            case "table" -> new FindingsTable();
            case "json" -> new FindingsJson();
            case "sarif" -> new FindingsSarif();
            case "markdown" -> new FindingsMarkdown();
            case "openvex" -> new FindingsOpenVex();
            default -> throw new IllegalArgumentException("unknown format '" + name + "'; one of: table, json, sarif, markdown, openvex");
        };
    }
}
