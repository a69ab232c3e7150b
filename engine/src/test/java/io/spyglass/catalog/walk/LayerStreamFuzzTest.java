package io.spyglass.catalog.walk;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.spyglass.catalog.Catalogers;
import io.spyglass.catalog.Unknown;
import io.spyglass.image.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Timeout;

/**
 * Layer blobs (gzip, zstd or plain tar, told by magic) from any bytes. Limits are small here so a
 * bomb among the inputs is stopped quickly; they are enforced the same way as the defaults.
 */
@Timeout(30)
class LayerStreamFuzzTest {
    private static final WalkLimits LIMITS = new WalkLimits(64L << 20, 200.0, 1L << 20, 1 << 20);

    /**
     * The decompressor and tar reader under the walker: they may throw {@link IOException}
     * (truncated, corrupt, a bomb) and nothing else, and every path they give either normalises
     * inside the image root or is refused (null).
     */
    @FuzzTest(maxDuration = "5m")
    void tarEntries(byte[] input) {
        try (InputStream in = LayerStreams.open(new ByteArrayInputStream(input), MediaType.OCI_LAYER,
                new LayerStreams.Budget(LIMITS))) {
            TarArchiveInputStream tar = new TarArchiveInputStream(in);
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String path = TarPaths.normalise(entry.getName());
                if (path != null && (path.startsWith("/") || path.equals("..") || path.startsWith("../") || path.contains("/../"))) {
                    throw new AssertionError("path leaves the root: " + entry.getName() + " -> " + path);
                }
                if (path != null && entry.isSymbolicLink()) TarPaths.symlinkTarget(path, entry.getLinkName());
            }
        } catch (IOException badInput) {
            // allowed: the walker reports it as an unreadable layer
        }
    }

    /**
     * The whole walk of one layer with every cataloger: it always returns (a failure becomes a
     * warning naming file and layer), and no error (stack overflow, out of memory) escapes.
     */
    @FuzzTest(maxDuration = "5m")
    void walk(byte[] input) throws IOException {
        List<Unknown> warnings = new ArrayList<>();
        LayerWalker walker = new LayerWalker(Catalogers.all(), new FileSystemState(), 0, "layer 0",
                LIMITS.maxBufferedFileBytes(), warnings);
        try (InputStream in = LayerStreams.open(new ByteArrayInputStream(input), MediaType.OCI_LAYER,
                new LayerStreams.Budget(LIMITS))) {
            walker.walk(in);
        } catch (IOException emptyOrUnknownCompression) {
            // allowed: LayerStreams.open refuses an empty blob or an unknown compression up front
        }
    }
}
