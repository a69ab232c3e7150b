package io.spyglass.image.source;

import io.spyglass.image.Digest;
import io.spyglass.image.Image;
import io.spyglass.image.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An image in a local daemon (Docker, podman), read as the {@code docker save} tar the daemon
 * streams. The tar is spooled to a temp file first: {@link ArchiveSource} reads its entries in place
 * and out of order, a stream cannot. The file is deleted on {@link #close()}, or at once if the
 * save fails.
 */
public final class DaemonSource implements ImageSource {
    private final Path spool;
    private final ArchiveSource archive;
    private final String description;

    private DaemonSource(Path spool, ArchiveSource archive, String description) {
        this.spool = spool;
        this.archive = archive;
        this.description = description;
    }

    /** What writes the daemon's save tar of an image into a file. */
    interface Saver {
        void save(Path target) throws IOException;
    }

    /** {@code GET /images/{name}/get} from the daemon at {@code endpoint}. */
    public static DaemonSource fromApi(DaemonEndpoint endpoint, String name, String description) throws IOException {
        try (DaemonApiClient client = new DaemonApiClient(endpoint)) {
            return spool(target -> client.save(name, target), description);
        }
    }

    static DaemonSource spool(Saver saver, String description) throws IOException {
        Path spool = Files.createTempFile("spyglass-daemon-", ".tar");
        spool.toFile().deleteOnExit(); // also gone when the command is interrupted (Ctrl-C runs the shutdown hooks)
        try {
            saver.save(spool);
            return new DaemonSource(spool, ArchiveSource.open(spool), description);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
    }

    @Override
    public Image resolve(Platform platform) throws IOException {
        return archive.resolve(platform);
    }

    @Override
    public InputStream openBlob(Digest digest) throws IOException {
        return archive.openBlob(digest);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() throws IOException {
        try {
            archive.close();
        } finally {
            Files.deleteIfExists(spool);
        }
    }
}
