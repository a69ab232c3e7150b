package io.spyglass.cli;

import io.spyglass.catalog.Catalogers;
import io.spyglass.catalog.Unknown;
import io.spyglass.catalog.walk.ImageCataloger;
import io.spyglass.catalog.walk.WalkLimits;
import io.spyglass.image.Platform;
import io.spyglass.image.source.DirectorySource;
import io.spyglass.image.source.ImageReference;
import io.spyglass.image.source.ImageSource;
import io.spyglass.image.source.RegistryOptions;
import io.spyglass.sbom.Sbom;
import io.spyglass.sbom.SbomFileReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How an IMAGE argument becomes an {@link Sbom}: shared by every command that reads images
 * (sbom, cves, quickview, compare) so they resolve references the same way.
 */
final class ImageOptions {
    static final String IMAGE_HELP = "oci-dir://PATH[:TAG], archive://FILE.tar, registry://HOST[:PORT]/NS/REPO[:TAG|@DIGEST], sbom://FILE (SPDX or CycloneDX JSON), "
            + "docker:IMAGE (the Docker daemon of DOCKER_HOST), podman:IMAGE, fs:DIR (a root filesystem or project folder), "
            + "or a bare IMAGE: with a server configured (--server or SPYGLASS_SERVER) the stored report of NS/REPO[:TAG] there, "
            + "else the local Docker daemon's image when it has one, else the registry's";

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", defaultValue = "linux/amd64",
            description = "Platform to analyse when IMAGE is a multi-platform index (default ${DEFAULT-VALUE}).")
    String platform;

    @Option(names = "--insecure", description = "Allow plain http to a registry that is not on this machine.")
    boolean insecure;

    @Option(names = "--max-decompressed", paramLabel = "BYTES", defaultValue = "17179869184",
            description = "Stop reading layers past this many decompressed bytes (default 16 GiB).")
    long maxDecompressed;

    @Mixin
    ServerOptions server;

    /**
     * Whether IMAGE names a stored report on a Spyglass server rather than an image to read here: a
     * bare name while a server is configured. Without one, a bare name is a local or registry image.
     */
    boolean onServer(String image) {
        return ServerImage.isPlain(image) && !LOCAL_SCHEMES.matcher(image).lookingAt()
                && server.server != null && !server.server.isBlank();
    }

    // docker:, podman:, fs: have no "//", so isPlain alone would take them for server names
    private static final java.util.regex.Pattern LOCAL_SCHEMES = java.util.regex.Pattern.compile("(docker|podman|fs):");

    /** The stored SBOM and findings of a plain {@code NS/REPO[:TAG]} on the server; unknowns reported on {@code err}. */
    ServerReports.Fetched fetch(String image, PrintStream err) throws IOException {
        ServerReports.Fetched fetched = server.reports().fetch(ServerImage.parse(image), Platform.parse(platform));
        report(fetched.sbom(), err);
        return fetched;
    }

    /** Catalogs the image (or reads back the SBOM file, or the server's stored SBOM) and reports platforms and unknowns on {@code err}. */
    Sbom read(String image, PrintStream err) throws IOException {
        if (onServer(image)) return fetch(image, err).sbom();
        Platform wanted = Platform.parse(platform);
        Sbom sbom;
        if (image.startsWith("sbom://")) {
            // an SPDX or CycloneDX file read back: no layers to walk
            sbom = SbomFileReader.read(Path.of(image.substring("sbom://".length())));
        } else {
            ImageReference reference = ImageReference.parse(localOnly(image));
            try (ImageSource source = reference.open(RegistryOptions.fromEnvironment(insecure))) {
                ImageCataloger cataloger = new ImageCataloger(Catalogers.all(), WalkLimits.DEFAULT.withMaxTotalBytes(maxDecompressed));
                sbom = cataloger.catalog(source, wanted);
                if (source instanceof DirectorySource dir && !dir.unreadable().isEmpty()) {
                    err.println("warning: " + dir.unreadable().size() + " files under " + image + " could not be read and are not in the SBOM (first: "
                            + dir.unreadable().get(0) + ")");
                }
            }
        }
        report(sbom, err);
        return sbom;
    }

    /** A bare name that is a local file or folder was meant as one: say how to name it rather than ask a daemon. */
    private static String localOnly(String image) {
        if (ServerImage.isPlain(image) && !LOCAL_SCHEMES.matcher(image).lookingAt()
                && (image.startsWith("/") || image.startsWith(".") || image.startsWith("~") || Files.exists(Path.of(image)))) {
            throw new IllegalArgumentException("'" + image + "' is a local path; name it fs:" + image + " (a folder), oci-dir://" + image
                    + " (OCI layout) or archive://" + image + " (docker save / OCI archive)");
        }
        return image;
    }

    private static void report(Sbom sbom, PrintStream err) {
        if (!sbom.image().otherPlatforms().isEmpty()) {
            err.println("note: analysed " + sbom.image().platform() + "; the index also has "
                    + sbom.image().otherPlatforms().stream().map(Platform::toString).collect(Collectors.joining(", "))
                    + " (choose with --platform)");
        }
        for (Unknown u : sbom.unknowns()) err.println("warning: " + u);
    }
}
