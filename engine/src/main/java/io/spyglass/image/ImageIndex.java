package io.spyglass.image;

import java.util.List;
import java.util.Objects;

/** An OCI image index or Docker manifest list: one manifest per platform (or per tag in a layout). */
public record ImageIndex(MediaType mediaType, List<Descriptor> manifests) implements ManifestDocument {
    public ImageIndex {
        Objects.requireNonNull(mediaType, "mediaType");
        manifests = List.copyOf(manifests);
    }
}
