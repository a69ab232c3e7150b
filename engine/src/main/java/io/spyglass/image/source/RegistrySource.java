package io.spyglass.image.source;

import io.spyglass.image.Digest;
import io.spyglass.image.Image;
import io.spyglass.image.Platform;
import java.io.IOException;
import java.io.InputStream;

/** Placeholder replaced in the next change: pulls through the Distribution API. */
final class RegistrySource implements ImageSource {
    private final ImageReference.Registry reference;

    RegistrySource(ImageReference.Registry reference, RegistryOptions options) {
        this.reference = reference;
    }

    @Override
    public Image resolve(Platform platform) throws IOException {
        throw new ImageSourceException("registry sources are not available yet: " + reference);
    }

    @Override
    public InputStream openBlob(Digest digest) throws IOException {
        throw new ImageSourceException("registry sources are not available yet: " + reference);
    }

    @Override
    public String describe() {
        return reference.toString();
    }
}
