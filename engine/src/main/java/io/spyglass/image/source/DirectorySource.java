package io.spyglass.image.source;

import io.spyglass.image.Descriptor;
import io.spyglass.image.Digest;
import io.spyglass.image.Image;
import io.spyglass.image.ImageConfig;
import io.spyglass.image.ImageManifest;
import io.spyglass.image.MediaType;
import io.spyglass.image.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A folder (a root filesystem, or a project checkout with its lockfiles) read as a one-layer image,
 * so the same catalogers and the same symlink rules apply as to an image. The folder is written
 * once into a temp tar, hashed as it is written (that digest names the walk), and deleted on
 * {@link #close()}.
 *
 * <p>Symlinks are copied as links, never followed on disk: the layer walk resolves them inside the
 * tar's own root, so a link to {@code /etc/passwd} or {@code ../../x} can never reach out of DIR.
 * Other filesystems mounted below DIR ({@code /proc}, {@code /sys} of a live root) are not entered,
 * and sockets, devices and fifos are left out. Files this user cannot read are left out too and
 * counted in {@link #unreadable()}.
 */
public final class DirectorySource implements ImageSource {
    private final Path spool;
    private final Digest layerDigest;
    private final long layerSize;
    private final String description;
    private final List<String> unreadable;

    private DirectorySource(Path spool, Digest layerDigest, long layerSize, String description, List<String> unreadable) {
        this.spool = spool;
        this.layerDigest = layerDigest;
        this.layerSize = layerSize;
        this.description = description;
        this.unreadable = List.copyOf(unreadable);
    }

    public static DirectorySource open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new ImageSourceException("fs:" + dir + " is not a folder");
        Path root = dir.toRealPath();
        Path spool = Files.createTempFile("spyglass-fs-", ".tar");
        spool.toFile().deleteOnExit(); // also gone when the command is interrupted (Ctrl-C runs the shutdown hooks)
        try {
            MessageDigest sha = sha256();
            List<String> unreadable = new ArrayList<>();
            try (OutputStream file = Files.newOutputStream(spool);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(new DigestOutputStream(file, sha), StandardCharsets.UTF_8.name())) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                Files.walkFileTree(root, new TreeWriter(root, tar, unreadable));
            }
            Digest digest = Digest.parse("sha256:" + HexFormat.of().formatHex(sha.digest()));
            return new DirectorySource(spool, digest, Files.size(spool), "fs:" + dir, unreadable);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
    }

    /** Paths (relative to DIR) that could not be read and are missing from the walk. */
    public List<String> unreadable() {
        return unreadable;
    }

    @Override
    public Image resolve(Platform platform) {
        byte[] config = ("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerDigest + "\"]}}").getBytes(StandardCharsets.UTF_8);
        Digest configDigest = SmallBlobs.digest(config, "sha256");
        Descriptor layer = new Descriptor(MediaType.DOCKER_LAYER, layerDigest, layerSize);
        ImageManifest manifest = new ImageManifest(MediaType.DOCKER_MANIFEST,
                new Descriptor(MediaType.DOCKER_CONFIG, configDigest, config.length), List.of(layer));
        return Image.of(configDigest, manifest, new ImageConfig(null, List.of(layerDigest), List.of()), List.of());
    }

    @Override
    public InputStream openBlob(Digest digest) throws IOException {
        if (!digest.equals(layerDigest)) throw new ImageSourceException("blob " + digest + " is not part of " + description);
        return Files.newInputStream(spool);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(spool);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes each directory, regular file and symlink under the root as a tar entry named relative to it. */
    private static final class TreeWriter extends SimpleFileVisitor<Path> {
        private final Path root;
        private final TarArchiveOutputStream tar;
        private final List<String> unreadable;
        private final Object rootDevice;

        TreeWriter(Path root, TarArchiveOutputStream tar, List<String> unreadable) throws IOException {
            this.root = root;
            this.tar = tar;
            this.unreadable = unreadable;
            this.rootDevice = Files.getAttribute(root, "unix:dev");
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            if (dir.equals(root)) return FileVisitResult.CONTINUE;
            if (!rootDevice.equals(Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS))) return FileVisitResult.SKIP_SUBTREE;
            TarArchiveEntry e = new TarArchiveEntry(name(dir) + "/");
            e.setMode(mode(dir, 040755));
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            if (attrs.isSymbolicLink()) {
                TarArchiveEntry e = new TarArchiveEntry(name(file), TarConstants.LF_SYMLINK);
                e.setLinkName(Files.readSymbolicLink(file).toString());
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            } else if (attrs.isRegularFile()) {
                writeFile(file, attrs.size());
            }
            return FileVisitResult.CONTINUE;
        }

        private void writeFile(Path file, long size) throws IOException {
            InputStream in;
            try {
                in = Files.newInputStream(file);
            } catch (NoSuchFileException gone) {
                return; // removed while we walked: it is not part of the tree any more
            } catch (IOException e) {
                unreadable.add(name(file));
                return;
            }
            try (in) {
                TarArchiveEntry e = new TarArchiveEntry(name(file));
                e.setSize(size);
                e.setMode(mode(file, 0100644));
                tar.putArchiveEntry(e);
                // exactly the size announced: a file that grew is cut, one that shrank is padded
                long copied = in.transferTo(new BoundedOutput(tar, size));
                for (long i = copied; i < size; i++) tar.write(0);
                tar.closeArchiveEntry();
            }
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (!(e instanceof NoSuchFileException)) unreadable.add(name(file));
            return FileVisitResult.CONTINUE;
        }

        private String name(Path p) {
            return root.relativize(p).toString();
        }

        private static int mode(Path p, int fallback) {
            try {
                return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | UnsupportedOperationException e) {
                return fallback;
            }
        }
    }

    /** Passes on at most {@code limit} bytes and drops the rest, counting what it passed. */
    private static final class BoundedOutput extends OutputStream {
        private final OutputStream out;
        private long left;

        BoundedOutput(OutputStream out, long limit) {
            this.out = out;
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (left > 0) {
                out.write(b);
                left--;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int n = (int) Math.min(len, left);
            if (n > 0) {
                out.write(b, off, n);
                left -= n;
            }
        }
    }
}
