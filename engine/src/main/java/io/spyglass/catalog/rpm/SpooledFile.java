package io.spyglass.catalog.rpm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An rpm database copied from the layer stream into a private temp folder, because all three
 * formats need random access (BerkeleyDB and NDB follow page/slot offsets; SQLite opens a file).
 * The copy is bounded so a hostile layer cannot fill the disk, and the folder (with any -wal/-shm
 * files SQLite adds) is removed on close.
 */
final class SpooledFile implements AutoCloseable {
    private final Path dir;
    private final Path file;
    private final long size;
    private FileChannel channel;

    private SpooledFile(Path dir, Path file, long size) {
        this.dir = dir;
        this.file = file;
        this.size = size;
    }

    /** Copies at most {@code maxBytes}; longer content is a {@link CorruptRpmDbException}. */
    static SpooledFile copy(InputStream content, String name, long maxBytes) throws IOException, CorruptRpmDbException {
        Path dir = Files.createTempDirectory("spyglass-rpmdb-");
        Path file = dir.resolve(name);
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = content.read(buffer)) > 0; ) {
                written += n;
                if (written > maxBytes) throw new CorruptRpmDbException("larger than " + maxBytes + " bytes; not read");
                out.write(buffer, 0, n);
            }
        } catch (IOException | CorruptRpmDbException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
        return new SpooledFile(dir, file, written);
    }

    Path path() {
        return file;
    }

    long size() {
        return size;
    }

    /** Reads exactly {@code length} bytes at {@code offset}; past the end is corruption. */
    byte[] read(long offset, int length) throws IOException, CorruptRpmDbException {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new CorruptRpmDbException("reference past the end of the file (offset " + offset
                    + ", length " + length + ", file size " + size + ")");
        }
        if (channel == null) channel = FileChannel.open(file, StandardOpenOption.READ);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) throw new CorruptRpmDbException("file ends early");
        }
        return buffer.array();
    }

    @Override
    public void close() throws IOException {
        try {
            if (channel != null) channel.close();
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
