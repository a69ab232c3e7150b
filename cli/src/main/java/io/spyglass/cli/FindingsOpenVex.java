package io.spyglass.cli;

import io.spyglass.match.Finding;
import io.spyglass.sbom.Sbom;
import io.spyglass.vex.OpenVexWriter;
import io.spyglass.vex.VexVerdict;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code --format openvex}: the findings as an OpenVEX 0.2 document (see {@link OpenVexWriter}). */
final class FindingsOpenVex implements FindingsFormat {
    @Override
    public void write(Sbom sbom, List<Finding> findings, Map<Finding, VexVerdict> vex, OutputStream out) throws IOException {
        OpenVexWriter.write(findings, vex, VexOptions.imageDigest(sbom), Instant.now(), out);
    }
}
