package io.spyglass.image;

import java.util.Objects;

/**
 * One layer of a resolved image: the blob ({@code digest}, {@code mediaType}, {@code size}), the
 * digest of its uncompressed tar ({@code diffId}, from the config) and the history step that made
 * it ({@code createdBy}, may be null).
 */
public record Layer(Digest digest, MediaType mediaType, long size, Digest diffId, String createdBy) {
    public Layer {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
    }
}
