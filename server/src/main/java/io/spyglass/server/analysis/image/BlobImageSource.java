package io.spyglass.server.analysis.image;

import io.spyglass.image.Digest;
import io.spyglass.image.Image;
import io.spyglass.image.ImageConfig;
import io.spyglass.image.ImageManifest;
import io.spyglass.image.InvalidManifestException;
import io.spyglass.image.ManifestDocument;
import io.spyglass.image.Platform;
import io.spyglass.image.json.JsonToImageTranslator;
import io.spyglass.image.source.ImageSource;
import io.spyglass.server.store.blob.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One image manifest in the server's blob store, for the engine's layer walk. Manifest and config
 * are small and read whole; layers are streamed. Every layer opened is counted in
 * {@code layerReads}, so tests can prove that re-evaluation reads none.
 */
public final class BlobImageSource implements ImageSource {
    /** Manifests and configs above this are refused rather than read into memory. */
    static final int MAX_DOCUMENT_BYTES = 4 << 20;

    private final BlobStore blobs;
    private final Digest manifest;
    private final String mediaType;
    private final String description;
    private final AtomicLong layerReads;

    BlobImageSource(BlobStore blobs, Digest manifest, String mediaType, String description, AtomicLong layerReads) {
        this.blobs = blobs;
        this.manifest = manifest;
        this.mediaType = mediaType;
        this.description = description;
        this.layerReads = layerReads;
    }

    @Override
    public Image resolve(Platform ignored) throws IOException {
        ManifestDocument doc = JsonToImageTranslator.toManifestDocument(document(blobs, manifest), mediaType);
        if (!(doc instanceof ImageManifest m)) {
            throw new InvalidManifestException(manifest + " is an index, not an image manifest");
        }
        ImageConfig config = JsonToImageTranslator.toConfig(document(blobs, m.config().digest()));
        return Image.of(manifest, m, config, List.of());
    }

    @Override
    public InputStream openBlob(Digest digest) throws IOException {
        layerReads.incrementAndGet();
        return blobs.open(digest, 0);
    }

    @Override
    public String describe() {
        return description;
    }

    /** A manifest or config, bounded in size. */
    public static byte[] document(BlobStore blobs, Digest digest) throws IOException {
        if (blobs.size(digest) > MAX_DOCUMENT_BYTES) {
            throw new InvalidManifestException(digest + " is larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        try (InputStream in = blobs.open(digest, 0)) {
            return in.readNBytes(MAX_DOCUMENT_BYTES);
        }
    }
}
