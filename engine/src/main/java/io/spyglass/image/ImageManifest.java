package io.spyglass.image;

import java.util.List;
import java.util.Objects;

/** One platform's image: its config blob and its layers, lowest first (Docker v2.2 or OCI). */
public record ImageManifest(MediaType mediaType, Descriptor config, List<Descriptor> layers) implements ManifestDocument {
    public ImageManifest {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
    }
}
