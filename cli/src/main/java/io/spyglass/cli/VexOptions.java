package io.spyglass.cli;

import io.spyglass.match.Finding;
import io.spyglass.sbom.Sbom;
import io.spyglass.vex.OpenVexReader;
import io.spyglass.vex.VexDocument;
import io.spyglass.vex.VexException;
import io.spyglass.vex.VexStatements;
import io.spyglass.vex.VexVerdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --vex FILE} (repeatable): OpenVEX documents whose statements suppress or annotate findings. */
final class VexOptions {
    @Option(names = "--vex", paramLabel = "FILE", description = "An OpenVEX document (repeatable): not_affected and fixed statements suppress findings, affected and under_investigation annotate them.")
    List<Path> files = new ArrayList<>();

    /** Reads every document first, so one that is refused stops the command before any work, naming the file. */
    VexStatements read() throws IOException {
        List<VexDocument> docs = new ArrayList<>();
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                docs.add(OpenVexReader.read(in));
            } catch (NoSuchFileException e) {
                throw new IOException("VEX document " + f + " does not exist");
            } catch (VexException e) {
                throw new IOException("VEX document " + f + " refused: " + e.getMessage());
            }
        }
        return new VexStatements(docs);
    }

    static Map<Finding, VexVerdict> verdicts(VexStatements statements, Sbom sbom, List<Finding> findings) {
        return statements.verdicts(findings, imageDigest(sbom));
    }

    /** The manifest digest statements name the image by; null for an SBOM read from a file without one. */
    static String imageDigest(Sbom sbom) {
        return sbom.image() == null || sbom.image().digest() == null ? null : sbom.image().digest().toString();
    }
}
