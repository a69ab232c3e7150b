package io.spyglass.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The container image that the cli profile {@code image} built (scripts/image, scripts/test). The profile
 * hands failsafe {@code spyglass.image.dir}; without it the image was not built in this run, so tests skip.
 */
final class BuiltImage {
    private BuiltImage() {}

    static Path dir() {
        String dir = System.getProperty("spyglass.image.dir");
        assumeTrue(dir != null && !dir.isBlank(), "the container image is built only with -Pimage (scripts/image; scripts/test uses it)");
        return Path.of(dir);
    }

    /** The docker-save tarball ({@code podman load}); it keeps the Docker-only Healthcheck field. */
    static Path dockerTar() {
        return existing(dir().resolve("spyglass-image.docker.tar"));
    }

    /** The same image as an OCI image layout in a tar. */
    static Path ociTar() {
        return existing(dir().resolve("spyglass-image.oci.tar"));
    }

    private static Path existing(Path p) {
        assertThat(p).as("the image profile ran, so its output must exist").isRegularFile();
        return p;
    }

    static boolean exists(Path p) {
        return Files.isRegularFile(p);
    }
}
