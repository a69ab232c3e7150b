package io.spyglass.image.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.image.Digest;
import io.spyglass.image.Image;
import io.spyglass.image.Layer;
import io.spyglass.image.Platform;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Blobs read in place from a {@code docker save} archive. */
class ArchiveSourceTest {
    private static final int READERS = 3;

    /**
     * Layers read at once from one archive each give their own bytes: docker save stores a layer
     * uncompressed, so every stream's SHA-256 must be its diff_id. The readers start on different
     * layers and read in small pieces so that their reads interleave thousands of times.
     */
    @Test
    void layersReadAtOnceFromOneArchiveKeepTheirOwnBytes() throws Exception {
        try (ArchiveSource source = ArchiveSource.open(SharedData.requireCorpus("debian/debian-app.docker.tar"))) {
            Image image = source.resolve(Platform.LINUX_AMD64);
            List<Digest> layers = image.layers().stream().map(Layer::digest).toList();
            assertThat(layers).hasSize(3);
            ExecutorService pool = Executors.newFixedThreadPool(READERS);
            try {
                List<Future<List<Digest>>> readers = new ArrayList<>();
                for (int r = 0; r < READERS; r++) {
                    int first = r;
                    readers.add(pool.submit((Callable<List<Digest>>) () -> readAll(source, layers, first)));
                }
                for (Future<List<Digest>> reader : readers) {
                    assertThat(reader.get()).containsExactlyInAnyOrderElementsOf(layers);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Reads every layer, starting at {@code first}, and returns the digests of what was read. */
    private static List<Digest> readAll(ImageSource source, List<Digest> layers, int first) throws IOException {
        List<Digest> read = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            read.add(sha256(source, layers.get((first + i) % layers.size())));
        }
        return read;
    }

    private static Digest sha256(ImageSource source, Digest blob) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        byte[] buffer = new byte[8 * 1024];
        try (InputStream in = source.openBlob(blob)) {
            int n;
            while ((n = in.read(buffer)) > 0) sha.update(buffer, 0, n);
        }
        return new Digest("sha256", HexFormat.of().formatHex(sha.digest()));
    }
}
