package io.spyglass.cli;

import io.spyglass.match.Finding;
import io.spyglass.sbom.Sbom;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** One output format of {@code spyglass cves}: one class per format. */
interface FindingsFormat {
    void write(Sbom sbom, List<Finding> findings, OutputStream out) throws IOException;

    static FindingsFormat byName(String name) {
        return switch (name) {
            case "table" -> new FindingsTable();
            case "json" -> new FindingsJson();
            case "sarif" -> new FindingsSarif();
            case "markdown" -> new FindingsMarkdown();
            default -> throw new IllegalArgumentException("unknown format '" + name + "'; one of: table, json, sarif, markdown");
        };
    }
}
