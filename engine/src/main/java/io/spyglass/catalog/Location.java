package io.spyglass.catalog;

import java.util.Objects;

/**
 * Where a package was found: the path inside the image's final filesystem and the layer that
 * put it there ({@code layer} is the layer's blob digest, {@code diffId} its uncompressed digest;
 * both may be null for sources without layers, such as an SBOM file).
 */
public record Location(String path, String layer, String diffId) {
    public Location {
        Objects.requireNonNull(path, "path");
    }

    public static Location of(String path) {
        return new Location(path, null, null);
    }
}
