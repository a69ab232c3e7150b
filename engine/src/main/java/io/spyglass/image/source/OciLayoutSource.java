package io.spyglass.image.source;

import io.spyglass.image.Descriptor;
import io.spyglass.image.Digest;
import io.spyglass.image.Image;
import io.spyglass.image.ImageIndex;
import io.spyglass.image.ManifestDocument;
import io.spyglass.image.Platform;
import io.spyglass.image.json.JsonToImageTranslator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An OCI image layout ({@code oci-layout}, {@code index.json}, {@code blobs/<alg>/<hex>}), as
 * {@code skopeo copy … oci:DIR:TAG} writes it. The tag is the index entry's
 * {@code org.opencontainers.image.ref.name}; a layout holding one image needs none.
 */
public final class OciLayoutSource implements ImageSource {
    private final LayoutFiles files;
    private final String tag;
    private final String description;

    OciLayoutSource(LayoutFiles files, String tag, String description) {
        this.files = files;
        this.tag = tag;
        this.description = description;
    }

    /** A layout folder; {@code tag} may be null. */
    public static OciLayoutSource open(Path dir, String tag) {
        if (!Files.isDirectory(dir)) throw new ImageSourceException("OCI layout folder not found: " + dir);
        if (!Files.exists(dir.resolve("oci-layout"))) {
            throw new ImageSourceException("not an OCI image layout: " + dir + " has no oci-layout file");
        }
        LayoutFiles files = new LayoutFiles() {
            @Override
            public InputStream open(String path) throws IOException {
                return Files.newInputStream(dir.resolve(path));
            }

            @Override
            public boolean exists(String path) {
                return Files.exists(dir.resolve(path));
            }
        };
        return new OciLayoutSource(files, tag, "oci-dir://" + dir + (tag == null ? "" : ":" + tag));
    }

    @Override
    public Image resolve(Platform platform) throws IOException {
        ImageIndex index = readIndex();
        ManifestResolver resolver = new ManifestResolver(this::fetch, description);
        if (tag != null) {
            List<Descriptor> tagged = index.manifests().stream().filter(d -> tag.equals(d.refName())).toList();
            if (tagged.isEmpty()) throw new ImageSourceException("no tag '" + tag + "' in " + description + "; tags: " + tags(index));
            return resolver.choose(tagged, platform);
        }
        List<String> tags = index.manifests().stream().map(Descriptor::refName).filter(Objects::nonNull).distinct().toList();
        if (tags.size() > 1) {
            throw new ImageSourceException(description + " holds several images; name one as oci-dir://PATH:TAG (tags: "
                    + String.join(", ", tags) + ")");
        }
        return resolver.choose(index.manifests(), platform);
    }

    @Override
    public InputStream openBlob(Digest digest) throws IOException {
        String path = "blobs/" + digest.algorithm() + "/" + digest.hex();
        try {
            return files.open(path);
        } catch (NoSuchFileException e) {
            throw new ImageSourceException("blob " + digest + " is missing from " + description);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    private ImageIndex readIndex() throws IOException {
        if (!files.exists("index.json")) throw new ImageSourceException(description + " has no index.json");
        byte[] bytes;
        try (InputStream in = files.open("index.json")) {
            bytes = SmallBlobs.read(in, "index.json");
        }
        ManifestDocument doc = JsonToImageTranslator.toManifestDocument(bytes, null);
        if (doc instanceof ImageIndex index) return index;
        throw new ImageSourceException("index.json of " + description + " is a manifest, not an index");
    }

    private byte[] fetch(Descriptor d, String what) throws IOException {
        try (InputStream in = openBlob(d.digest())) {
            return SmallBlobs.readVerified(in, d, what);
        }
    }

    private static String tags(ImageIndex index) {
        List<String> tags = index.manifests().stream().map(Descriptor::refName).filter(Objects::nonNull).distinct().toList();
        return tags.isEmpty() ? "none" : String.join(", ", tags);
    }
}
