package io.spyglass.image.source;

import io.spyglass.image.Descriptor;
import io.spyglass.image.Digest;
import io.spyglass.image.Image;
import io.spyglass.image.ImageConfig;
import io.spyglass.image.ImageManifest;
import io.spyglass.image.MediaType;
import io.spyglass.image.Platform;
import io.spyglass.image.json.JsonToImageTranslator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An image in a tar: an OCI layout ({@code index.json} + {@code blobs/}) or the {@code docker save}
 * format ({@code manifest.json}, config json, one uncompressed tar per layer). The archive is
 * indexed once (entry headers and offsets, no content); blobs are read in place, never extracted.
 */
public final class ArchiveSource implements ImageSource {
    private final TarFile tar;
    private final Map<String, TarArchiveEntry> entries;
    private final String description;
    private final Map<Digest, String> dockerLayers = new HashMap<>();

    private ArchiveSource(TarFile tar, String description) {
        this.tar = tar;
        this.description = description;
        this.entries = new HashMap<>();
        for (TarArchiveEntry e : tar.getEntries()) {
            if (e.isFile()) entries.put(clean(e.getName()), e);
        }
    }

    public static ArchiveSource open(Path file) {
        if (!Files.isRegularFile(file)) throw new ImageSourceException("image archive not found: " + file);
        try {
            return new ArchiveSource(new TarFile(file), "archive://" + file);
        } catch (IOException e) {
            throw new ImageSourceException("not a readable tar archive: " + file + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public Image resolve(Platform platform) throws IOException {
        if (entries.containsKey("index.json") && entries.containsKey("oci-layout")) {
            return new OciLayoutSource(files(), null, description).resolve(platform);
        }
        if (entries.containsKey("manifest.json")) return dockerSave();
        throw new ImageSourceException(description + " is neither a docker save archive (manifest.json)"
                + " nor an OCI layout archive (oci-layout, index.json)");
    }

    private Image dockerSave() throws IOException {
        byte[] manifestBytes;
        try (InputStream in = open("manifest.json")) {
            manifestBytes = SmallBlobs.read(in, "manifest.json");
        }
        DockerSaveManifest manifest = DockerSaveManifest.parse(manifestBytes, description);
        byte[] configBytes;
        try (InputStream in = open(manifest.config())) {
            configBytes = SmallBlobs.read(in, "config " + manifest.config());
        }
        ImageConfig config = JsonToImageTranslator.toConfig(configBytes);
        if (config.diffIds().size() != manifest.layers().size()) {
            throw new ImageSourceException(description + ": manifest.json lists " + manifest.layers().size()
                    + " layers, the config " + config.diffIds().size() + " diff_ids");
        }
        // docker save writes each layer as its uncompressed tar, so its blob digest is its diff_id
        List<Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < manifest.layers().size(); i++) {
            String path = clean(manifest.layers().get(i));
            Digest diffId = config.diffIds().get(i);
            dockerLayers.put(diffId, path);
            layers.add(new Descriptor(MediaType.DOCKER_LAYER, diffId, entry(path).getSize()));
        }
        Digest configDigest = SmallBlobs.digest(configBytes, "sha256");
        Descriptor configDescriptor = new Descriptor(MediaType.DOCKER_CONFIG, configDigest, configBytes.length);
        return Image.of(configDigest, new ImageManifest(MediaType.DOCKER_MANIFEST, configDescriptor, layers), config, List.of());
    }

    @Override
    public InputStream openBlob(Digest digest) throws IOException {
        String path = dockerLayers.get(digest);
        if (path == null) path = "blobs/" + digest.algorithm() + "/" + digest.hex();
        if (!entries.containsKey(path)) throw new ImageSourceException("blob " + digest + " is missing from " + description);
        return open(path);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    private LayoutFiles files() {
        return new LayoutFiles() {
            @Override
            public InputStream open(String path) throws IOException {
                return ArchiveSource.this.open(path);
            }

            @Override
            public boolean exists(String path) {
                return entries.containsKey(clean(path));
            }
        };
    }

    private InputStream open(String path) throws IOException {
        return tar.getInputStream(entry(path));
    }

    private TarArchiveEntry entry(String path) throws NoSuchFileException {
        TarArchiveEntry e = entries.get(clean(path));
        if (e == null) throw new NoSuchFileException(path + " is missing from " + description);
        return e;
    }

    private static String clean(String name) {
        String n = name;
        while (n.startsWith("./")) n = n.substring(2);
        while (n.startsWith("/")) n = n.substring(1);
        return n;
    }
}
