package io.spyglass.server.store.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Blobs in a local folder. A fresh write goes to a hidden temporary file beside the target and is
 * moved into place atomically on commit. An append opens the committed file itself (so chunked
 * uploads survive a restart) and a cancel truncates it back to where it started.
 */
public final class FsStorageDriver implements StorageDriver {
    /** {@code -Dspyglass.fsync=true} forces every commit to disk (slower pushes, power-loss safe). */
    private static final boolean SYNC = Boolean.getBoolean("spyglass.fsync");
    private final Path root;

    public FsStorageDriver(Path root) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    private Path resolve(String path) {
        Path p = root.resolve(path).normalize();
        if (!p.startsWith(root) || path.startsWith("/")) throw new IllegalArgumentException("path escapes the storage root: " + path);
        return p;
    }

    /** Where {@code path} lives on disk (checked to stay under the root). */
    Path file(String path) {
        return resolve(path);
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        Path p = resolve(path);
        try {
            FileChannel ch = FileChannel.open(p, StandardOpenOption.READ);
            ch.position(offset);
            return Channels.newInputStream(ch);
        } catch (NoSuchFileException e) {
            throw new PathNotFoundException(path);
        }
    }

    @Override
    public FileWriter writer(String path, boolean append) throws IOException {
        Path target = resolve(path);
        for (int attempt = 0; ; attempt++) {
            Files.createDirectories(target.getParent());
            try {
                return open(target, append);
            } catch (NoSuchFileException e) {
                // another writer's cancel removed the then-empty folder in between; make it again
                if (attempt == 3) throw e;
            }
        }
    }

    private FileWriter open(Path target, boolean append) throws IOException {
        if (append) {
            boolean existed = Files.exists(target);
            FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new FsWriter(ch, ch.size(), null, target, existed ? null : root);
        }
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new FsWriter(ch, 0, temp, target, root);
    }

    @Override
    public long size(String path) throws IOException {
        try {
            return Files.size(resolve(path));
        } catch (NoSuchFileException e) {
            throw new PathNotFoundException(path);
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(resolve(path));
    }

    @Override
    public void move(String from, String to) throws IOException {
        Path src = resolve(from);
        Path dst = resolve(to);
        if (!Files.exists(src)) throw new PathNotFoundException(from);
        Files.createDirectories(dst.getParent());
        try {
            Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(src, dst, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void delete(String path) throws IOException {
        Path p = resolve(path);
        if (p.equals(root)) throw new IllegalArgumentException("refusing to delete the storage root");
        if (!Files.exists(p)) return;
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                try {
                    Files.deleteIfExists(dir);
                } catch (DirectoryNotEmptyException raced) {
                    // a writer created a file meanwhile; it owns it now
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Path dir = resolve(prefix);
        if (!Files.isDirectory(dir)) return List.of();
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .forEach(p -> out.add(root.relativize(p).toString().replace('\\', '/')));
        }
        out.sort(null);
        return out;
    }

    private static final class FsWriter implements FileWriter {
        private final FileChannel channel;
        private final long start;
        private final Path temp;
        private final Path target;
        private final OutputStream stream;
        private final Path cleanupUpTo;
        private boolean done;
        private long closedSize;

        /** {@code cleanupUpTo}: on cancel, remove what this writer created (file, empty folders) up to there; null keeps the file. */
        FsWriter(FileChannel channel, long start, Path temp, Path target, Path cleanupUpTo) throws IOException {
            this.cleanupUpTo = cleanupUpTo;
            this.channel = channel;
            this.start = start;
            this.temp = temp;
            this.target = target;
            channel.position(start);
            this.stream = Channels.newOutputStream(channel);
        }

        @Override
        public OutputStream stream() {
            return stream;
        }

        @Override
        public long size() {
            try {
                return channel.isOpen() ? channel.position() : closedSize;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void commit() throws IOException {
            if (done) throw new IOException("writer already committed or cancelled");
            stream.flush();
            closedSize = channel.position();
            // no fsync, as distribution's filesystem driver: what was written survives a killed
            // process (the page cache is the kernel's); surviving power loss is the file system's job
            if (SYNC) channel.force(false);
            channel.close();
            done = true;
            if (temp != null) {
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }

        @Override
        public void cancel() throws IOException {
            if (done) return;
            done = true;
            closedSize = start;
            if (temp != null) {
                channel.close();
                Files.deleteIfExists(temp);
            } else {
                channel.truncate(start);
                channel.close();
                if (cleanupUpTo != null) Files.deleteIfExists(target);
            }
            if (cleanupUpTo != null) removeEmptyFolders(target.getParent(), cleanupUpTo);
        }

        // a cancelled first write leaves no empty folders behind (S3 has none either)
        private static void removeEmptyFolders(Path dir, Path stop) {
            for (Path d = dir; d != null && d.startsWith(stop) && !d.equals(stop); d = d.getParent()) {
                try {
                    Files.delete(d);
                } catch (IOException notEmptyOrGone) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (!done) cancel();
        }
    }
}
