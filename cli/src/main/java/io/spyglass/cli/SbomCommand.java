package io.spyglass.cli;

import io.spyglass.sbom.JsonSbomFormat;
import io.spyglass.sbom.Sbom;
import io.spyglass.sbom.SbomFormat;
import io.spyglass.sbom.SbomFormats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sbom", description = "List the packages of an image (software bill of materials).")
final class SbomCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IMAGE", description = ImageOptions.IMAGE_HELP)
    String image;

    @Option(names = "--format", defaultValue = "list", description = "Output format: list, json, spdx (SPDX 2.3 JSON) or cyclonedx (CycloneDX 1.6 JSON) (default ${DEFAULT-VALUE}).")
    String format;

    @Mixin ImageOptions imageOptions;
    @Mixin OutputOptions output;

    /** An error is one line on standard error, exit code 1 (see {@link Main}). */
    @Override
    public Integer call() throws IOException {
        SbomFormat sbomFormat = SbomFormats.byName(format);
        output.check();
        if (imageOptions.onServer(image) && sbomFormat instanceof JsonSbomFormat) {
            // the server's own json, as stored: nothing lost by reading it back
            String stored = imageOptions.fetch(image, System.err).storedSbom();
            output.write(out -> out.write(stored.getBytes(StandardCharsets.UTF_8)));
            return 0;
        }
        Sbom sbom = imageOptions.read(image, System.err);
        output.write(out -> sbomFormat.write(sbom, out));
        return 0;
    }
}
