package io.spyglass.server.analysis.advisory;

import io.spyglass.image.source.RegistryOptions;
import java.nio.file.Path;

/**
 * {@code serve --advisories-from oci://REGISTRY/NS/REPO:TAG}: the scheduled update pulls the
 * advisory artifact that {@code spyglass db push} published instead of fetching the feeds.
 * {@code pulledLayers} is the file where this node remembers the layers it applied.
 */
public record AdvisoryArtifactFeed(String reference, RegistryOptions options, Path pulledLayers) {
    public static final String SCHEME = "oci://";

    public AdvisoryArtifactFeed {
        if (reference == null || !reference.startsWith(SCHEME) || reference.length() == SCHEME.length()) {
            throw new IllegalArgumentException("--advisories-from '" + reference + "': expected oci://REGISTRY/NS/REPO:TAG");
        }
    }

    /** REGISTRY/NS/REPO:TAG without the scheme. */
    public String target() {
        return reference.substring(SCHEME.length());
    }
}
