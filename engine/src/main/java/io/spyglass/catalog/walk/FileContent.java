package io.spyglass.catalog.walk;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One tar entry's content, read once from the layer and shared by every reader that wants it:
 * in memory when small, in a temp file when large and wanted several times, or the layer stream
 * itself when only one reader wants it.
 */
final class FileContent implements Closeable {
    private final byte[] bytes;
    private final Path spool;
    private InputStream direct;
    private boolean streamFailed;

    private FileContent(byte[] bytes, Path spool, InputStream direct) {
        this.bytes = bytes;
        this.spool = spool;
        this.direct = direct;
    }

    /** Reads the entry of {@code size} bytes from {@code tar} for {@code readers} readers. */
    static FileContent read(InputStream tar, long size, int readers, int maxBuffered) throws IOException {
        if (size <= maxBuffered) {
            byte[] data = tar.readNBytes((int) size);
            if (data.length != size) throw new IOException("entry truncated: " + data.length + " of " + size + " bytes");
            return new FileContent(data, null, null);
        }
        if (readers == 1) return new FileContent(null, null, tar);
        Path tmp = Files.createTempFile("spyglass-entry", ".bin");
        try {
            Files.copy(tar, tmp, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return new FileContent(null, tmp, null);
    }

    /** The bytes when held in memory (small files), else null. */
    byte[] bytes() {
        return bytes;
    }

    /** True when the layer stream itself failed under a reader: that is the layer's failure. */
    boolean streamFailed() {
        return streamFailed;
    }

    /** A fresh stream of the content; closing it never closes the layer. */
    InputStream open() throws IOException {
        if (bytes != null) return new ByteArrayInputStream(bytes);
        if (spool != null) return Files.newInputStream(spool);
        InputStream once = direct;
        if (once == null) throw new IllegalStateException("streamed entry content opened twice");
        direct = null;
        return new FilterInputStream(once) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    streamFailed = true;
                    throw e;
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    streamFailed = true;
                    throw e;
                }
            }

            @Override
            public void close() {
                // the layer's tar stream stays open for the next entry
            }
        };
    }

    @Override
    public void close() throws IOException {
        if (spool != null) Files.deleteIfExists(spool);
    }
}
