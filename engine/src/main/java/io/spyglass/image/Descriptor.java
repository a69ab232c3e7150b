package io.spyglass.image;

import java.util.Map;
import java.util.Objects;

/**
 * A content descriptor (OCI image-spec "Descriptor"): what a manifest or index points at.
 * {@code platform} is set only for index entries that declare one.
 */
public record Descriptor(MediaType mediaType, Digest digest, long size, Platform platform, Map<String, String> annotations) {

    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) throw new IllegalArgumentException("negative size " + size + " for " + digest);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public Descriptor(MediaType mediaType, Digest digest, long size) {
        this(mediaType, digest, size, null, Map.of());
    }

    /** The OCI layout tag of this entry, or null. */
    public String refName() {
        return annotations.get(REF_NAME);
    }
}
