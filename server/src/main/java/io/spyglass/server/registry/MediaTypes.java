package io.spyglass.server.registry;

import java.util.Set;

/** The manifest media types the registry stores, and the ones it refuses. */
final class MediaTypes {
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final Set<String> SCHEMA1 = Set.of("application/vnd.docker.distribution.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v1+prettyjws");
    static final Set<String> MANIFESTS = Set.of(DOCKER_MANIFEST, OCI_MANIFEST);
    static final Set<String> INDEXES = Set.of(DOCKER_LIST, OCI_INDEX);

    private MediaTypes() {}

    static boolean supported(String mediaType) {
        return MANIFESTS.contains(mediaType) || INDEXES.contains(mediaType);
    }

    /** {@code type/subtype} without parameters, lower case. */
    static String base(String contentType) {
        if (contentType == null) return null;
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
    }
}
