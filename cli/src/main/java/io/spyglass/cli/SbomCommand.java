package io.spyglass.cli;

import io.spyglass.catalog.Catalogers;
import io.spyglass.catalog.Unknown;
import io.spyglass.catalog.walk.ImageCataloger;
import io.spyglass.catalog.walk.WalkLimits;
import io.spyglass.image.Platform;
import io.spyglass.image.source.ImageReference;
import io.spyglass.image.source.ImageSource;
import io.spyglass.image.source.RegistryOptions;
import io.spyglass.sbom.Sbom;
import io.spyglass.sbom.SbomFileReader;
import io.spyglass.sbom.SbomFormat;
import io.spyglass.sbom.SbomFormats;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sbom", description = "List the packages of an image (software bill of materials).")
final class SbomCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "oci-dir://PATH[:TAG], archive://FILE.tar, registry://HOST[:PORT]/NS/REPO[:TAG|@DIGEST] or sbom://FILE (SPDX or CycloneDX JSON)")
    String image;

    @Option(names = "--format", defaultValue = "list", description = "Output format: list, json, spdx (SPDX 2.3 JSON) or cyclonedx (CycloneDX 1.6 JSON) (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", defaultValue = "linux/amd64",
            description = "Platform to analyse when IMAGE is a multi-platform index (default ${DEFAULT-VALUE}).")
    String platform;

    @Option(names = "--insecure", description = "Allow plain http to a registry that is not on this machine.")
    boolean insecure;

    @Option(names = "--max-decompressed", paramLabel = "BYTES", defaultValue = "17179869184",
            description = "Stop reading layers past this many decompressed bytes (default 16 GiB).")
    long maxDecompressed;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        try {
            SbomFormat sbomFormat = SbomFormats.byName(format);
            Platform wanted = Platform.parse(platform);
            if (output != null && !Files.isDirectory(output.toAbsolutePath().getParent())) {
                throw new IOException("cannot write " + output + ": folder " + output.toAbsolutePath().getParent() + " does not exist");
            }
            Sbom sbom;
            if (image.startsWith("sbom://")) {
                // an SPDX or CycloneDX file read back: no layers to walk
                sbom = SbomFileReader.read(Path.of(image.substring("sbom://".length())));
            } else {
                ImageReference reference = ImageReference.parse(image);
                try (ImageSource source = reference.open(RegistryOptions.fromEnvironment(insecure))) {
                    ImageCataloger cataloger = new ImageCataloger(Catalogers.all(), WalkLimits.DEFAULT.withMaxTotalBytes(maxDecompressed));
                    sbom = cataloger.catalog(source, wanted);
                }
            }
            report(sbom, err);
            write(sbomFormat, sbom);
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            err.println("spyglass sbom: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("spyglass sbom: " + e.getMessage());
            return 1;
        }
    }

    private static void report(Sbom sbom, PrintStream err) {
        if (!sbom.image().otherPlatforms().isEmpty()) {
            err.println("note: analysed " + sbom.image().platform() + "; the index also has "
                    + sbom.image().otherPlatforms().stream().map(Platform::toString).collect(Collectors.joining(", "))
                    + " (choose with --platform)");
        }
        for (Unknown u : sbom.unknowns()) err.println("warning: " + u);
    }

    private void write(SbomFormat sbomFormat, Sbom sbom) throws IOException {
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
