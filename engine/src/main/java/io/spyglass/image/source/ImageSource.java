package io.spyglass.image.source;

import io.spyglass.image.Digest;
import io.spyglass.image.Image;
import io.spyglass.image.Platform;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where an image's manifest, config and blobs come from: an OCI layout folder, a {@code docker
 * save} or OCI archive, or a registry. Sources only fetch; the layer walk reads the streams.
 */
public interface ImageSource extends Closeable {

    /**
     * The image for {@code platform}: when the reference names an index or manifest list, the
     * matching manifest is chosen and the other platforms are listed in {@link Image#otherPlatforms()}.
     *
     * @throws ImageSourceException naming what is missing or wrong (no such tag, no such platform, …)
     */
    Image resolve(Platform platform) throws IOException;

    /** A blob's content as stored (compressed for most layers). The caller closes it. */
    InputStream openBlob(Digest digest) throws IOException;

    /** The reference as the user wrote it, for messages and the SBOM. */
    String describe();

    @Override
    default void close() throws IOException {}
}
