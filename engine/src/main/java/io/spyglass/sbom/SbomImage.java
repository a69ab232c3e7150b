package io.spyglass.sbom;

import io.spyglass.image.Digest;
import io.spyglass.image.Layer;
import io.spyglass.image.Platform;
import java.util.List;

/**
 * The image an SBOM describes. {@code reference} is what the user named ({@code oci-dir://…});
 * {@code digest} the manifest digest (config digest for a {@code docker save} archive); the other
 * platforms are those an index offered besides the one analysed. Fields may be null for an SBOM
 * read back from a file.
 */
public record SbomImage(String reference, Digest digest, Platform platform, List<Layer> layers, List<Platform> otherPlatforms) {
    public SbomImage {
        layers = layers == null ? List.of() : List.copyOf(layers);
        otherPlatforms = otherPlatforms == null ? List.of() : List.copyOf(otherPlatforms);
    }
}
