package io.spyglass.sbom;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One output format of {@code spyglass sbom --format NAME}. Formats are registered in
 * {@link SbomFormats}; SPDX and CycloneDX are added there the same way.
 */
public interface SbomFormat {
    /** The {@code --format} name, e.g. {@code json}. */
    String name();

    /** Writes the SBOM; does not close {@code out}. Output must be deterministic. */
    void write(Sbom sbom, OutputStream out) throws IOException;
}
