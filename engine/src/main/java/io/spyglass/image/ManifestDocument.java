package io.spyglass.image;

/** What a manifest URL or layout entry points at: one image manifest, or an index of them. */
public sealed interface ManifestDocument permits ImageManifest, ImageIndex {
    MediaType mediaType();
}
