package io.spyglass.image;

import java.util.Locale;
import java.util.Objects;

/**
 * A manifest, config or layer media type. Parameters ({@code ; charset=…}) are dropped so that
 * comparisons are exact; the constants are the types Spyglass reads.
 */
public record MediaType(String value) {

    public static final MediaType OCI_MANIFEST = new MediaType("application/vnd.oci.image.manifest.v1+json");
    public static final MediaType OCI_INDEX = new MediaType("application/vnd.oci.image.index.v1+json");
    public static final MediaType OCI_CONFIG = new MediaType("application/vnd.oci.image.config.v1+json");
    public static final MediaType OCI_LAYER = new MediaType("application/vnd.oci.image.layer.v1.tar");
    public static final MediaType OCI_LAYER_GZIP = new MediaType("application/vnd.oci.image.layer.v1.tar+gzip");
    public static final MediaType OCI_LAYER_ZSTD = new MediaType("application/vnd.oci.image.layer.v1.tar+zstd");
    public static final MediaType DOCKER_MANIFEST = new MediaType("application/vnd.docker.distribution.manifest.v2+json");
    public static final MediaType DOCKER_MANIFEST_LIST = new MediaType("application/vnd.docker.distribution.manifest.list.v2+json");
    public static final MediaType DOCKER_SCHEMA1 = new MediaType("application/vnd.docker.distribution.manifest.v1+json");
    public static final MediaType DOCKER_SCHEMA1_SIGNED = new MediaType("application/vnd.docker.distribution.manifest.v1+prettyjws");
    public static final MediaType DOCKER_CONFIG = new MediaType("application/vnd.docker.container.image.v1+json");
    public static final MediaType DOCKER_LAYER = new MediaType("application/vnd.docker.image.rootfs.diff.tar");
    public static final MediaType DOCKER_LAYER_GZIP = new MediaType("application/vnd.docker.image.rootfs.diff.tar.gzip");

    public MediaType {
        Objects.requireNonNull(value, "media type");
        int semi = value.indexOf(';');
        value = (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.indexOf('/') <= 0) {
            throw new IllegalArgumentException("malformed media type '" + value + "'");
        }
    }

    public static MediaType parse(String text) {
        return new MediaType(text == null ? "" : text);
    }

    /** An image index or Docker manifest list. */
    public boolean isIndex() {
        return equals(OCI_INDEX) || equals(DOCKER_MANIFEST_LIST);
    }

    /** A single-platform image manifest (OCI or Docker v2 schema 2). */
    public boolean isManifest() {
        return equals(OCI_MANIFEST) || equals(DOCKER_MANIFEST);
    }

    public boolean isSchema1() {
        return equals(DOCKER_SCHEMA1) || equals(DOCKER_SCHEMA1_SIGNED);
    }

    /** How a layer of this type says it is compressed; the walker also checks the magic bytes. */
    public Compression layerCompression() {
        if (value.endsWith("+gzip") || value.endsWith(".tar.gzip")) return Compression.GZIP;
        if (value.endsWith("+zstd")) return Compression.ZSTD;
        return Compression.NONE;
    }

    /** Layer compressions named by media types. */
    public enum Compression { NONE, GZIP, ZSTD }

    @Override
    public String toString() {
        return value;
    }
}
