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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.compress.utils.BoundedArchiveInputStream;

/**
 * An image in a tar: an OCI layout ({@code index.json} + {@code blobs/}) or the {@code docker save}
 * format ({@code manifest.json}, config json, one uncompressed tar per layer). The archive is
 * indexed once (entry headers and offsets, no content); blobs are read in place, never extracted.
 *
 * <p>Blobs may be read at once, from several threads. {@link TarFile#getInputStream} cannot: its
 * streams share one channel and seek it before each read, so two streams read each other's bytes. Here every read says where it reads
 * ({@link FileChannel#read(ByteBuffer, long)}), and the channel keeps no position to share.
 */
public final class ArchiveSource implements ImageSource {
    private final FileChannel channel;
    private final Map<String, TarArchiveEntry> entries;
    private final String description;
    private final Map<Digest, String> dockerLayers = new HashMap<>();

    private ArchiveSource(FileChannel channel, Map<String, TarArchiveEntry> entries, String description) {
        this.channel = channel;
        this.entries = entries;
        this.description = description;
    }

    public static ArchiveSource open(Path file) {
        if (!Files.isRegularFile(file)) throw new ImageSourceException("image archive not found: " + file);
        Map<String, TarArchiveEntry> entries = new HashMap<>();
        try (TarFile tar = new TarFile(file)) {
            for (TarArchiveEntry e : tar.getEntries()) {
                if (e.isFile()) entries.put(clean(e.getName()), e);
            }
        } catch (IOException e) {
            throw new ImageSourceException("not a readable tar archive: " + file + " (" + e.getMessage() + ")", e);
        }
        try {
            return new ArchiveSource(FileChannel.open(file, StandardOpenOption.READ), entries, "archive://" + file);
        } catch (IOException e) {
            throw new ImageSourceException("cannot open image archive " + file + " (" + e.getMessage() + ")", e);
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
        channel.close();
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
        TarArchiveEntry e = entry(path);
        if (e.isSparse()) throw new ImageSourceException(path + " in " + description + " is a sparse tar entry; image archives have none");
        return new EntryStream(channel, e.getDataOffset(), e.getSize());
    }

    /** One entry's bytes; each read names its position, so streams on one channel never meet. */
    private static final class EntryStream extends BoundedArchiveInputStream {
        private final FileChannel channel;

        EntryStream(FileChannel channel, long start, long size) {
            super(start, size);
            this.channel = channel;
        }

        @Override
        protected int read(long pos, ByteBuffer buf) throws IOException {
            int n = channel.read(buf, pos);
            buf.flip(); // BoundedArchiveInputStream reads a single byte back from the buffer
            return n;
        }
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
