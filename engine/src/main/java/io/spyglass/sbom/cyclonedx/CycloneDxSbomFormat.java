package io.spyglass.sbom.cyclonedx;

import io.spyglass.sbom.Sbom;
import io.spyglass.sbom.SbomFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.json.BomJsonGenerator;

/**
 * CycloneDX 1.6 JSON ({@code spyglass sbom --format cyclonedx}), built with cyclonedx-core-java's
 * model and generator. No timestamp is written (it is optional) and the serial number is a
 * content hash, so the same image always gives the same document.
 */
public final class CycloneDxSbomFormat implements SbomFormat {

    @Override
    public String name() {
        return "cyclonedx";
    }

    @Override
    public void write(Sbom sbom, OutputStream out) throws IOException {
        try {
            String json = new BomJsonGenerator(CycloneDxBomBuilder.build(sbom), Version.VERSION_16).toJsonString(true);
            out.write(json.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        } catch (GeneratorException e) {
            throw new IOException("cannot write CycloneDX: " + e.getMessage(), e);
        }
    }
}
