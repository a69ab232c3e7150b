package io.spyglass.cli;

import io.spyglass.sbom.JsonSbomFormat;
import io.spyglass.sbom.Sbom;
import io.spyglass.sbom.SbomFormat;
import io.spyglass.sbom.SbomFormats;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Mixin ImageOptions imageOptions;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        try {
            SbomFormat sbomFormat = SbomFormats.byName(format);
            if (output != null && !Files.isDirectory(output.toAbsolutePath().getParent())) {
                throw new IOException("cannot write " + output + ": folder " + output.toAbsolutePath().getParent() + " does not exist");
            }
            if (ImageOptions.onServer(image) && sbomFormat instanceof JsonSbomFormat) {
                // the server's own json, as stored: nothing lost by reading it back
                String stored = imageOptions.fetch(image, err).storedSbom();
                write((s, out) -> out.write(stored.getBytes(StandardCharsets.UTF_8)), null);
                return 0;
            }
            Sbom sbom = imageOptions.read(image, err);
            write(sbomFormat::write, sbom);
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            err.println("spyglass sbom: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("spyglass sbom: " + e.getMessage());
            return 1;
        }
    }

    /** Writes an SBOM to a stream. */
    private interface Writer {
        void write(Sbom sbom, OutputStream out) throws IOException;
    }

    private void write(Writer sbomFormat, Sbom sbom) throws IOException {
        if (output == null) {
            sbomFormat.write(sbom, System.out);
            System.out.flush();
            return;
        }
        // written beside the target and moved into place: a failed run leaves no half-written file
        Path dir = output.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".spyglass-sbom", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                sbomFormat.write(sbom, out);
            }
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
