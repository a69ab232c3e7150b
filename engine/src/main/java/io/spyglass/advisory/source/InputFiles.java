package io.spyglass.advisory.source;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import io.spyglass.progress.ProgressListener;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Walks a file, a folder (recursively, sorted) or an archive (zip, tar, tar.gz, tar.zst, tar.xz; a plain
 * {@code .gz} is one file) and hands each wanted entry's bytes to a handler. Advisory files are
 * small; each is capped at {@link #MAX_ENTRY} bytes so a bomb cannot fill the heap. A truncated or
 * corrupt archive throws: the caller then refuses the whole import.
 */
public final class InputFiles {
    static final long MAX_ENTRY = 512L << 20;

    /** Receives one file: a display name (path, and {@code !entry} inside an archive) and its bytes. */
    public interface Handler {
        void accept(String name, byte[] bytes);
    }

    /*
     * Which listener hears of each file read on this thread: scoped by reporting(), so the importers
     * (one per source, all walking through here on the caller's thread) need not pass it down.
     */
    private static final ThreadLocal<ProgressListener> PROGRESS = ThreadLocal.withInitial(() -> ProgressListener.NONE);

    private InputFiles() {}

    /** Runs {@code read}, telling {@code progress} of every file (name and bytes) the walks on this thread hand over. */
    public static <T> T reporting(ProgressListener progress, java.util.function.Supplier<T> read) {
        ProgressListener before = PROGRESS.get();
        PROGRESS.set(progress);
        try {
            return read.get();
        } finally {
            PROGRESS.set(before);
        }
    }

    /** Visits every file under {@code path} whose name (entry name inside archives) {@code wanted} accepts. */
    public static int walk(Path path, Predicate<String> wanted, Handler handler) {
        if (!Files.exists(path)) throw new AdvisoryImportException("no such file or folder: " + path);
        int[] count = {0};
        ProgressListener progress = PROGRESS.get();
        Handler counting = (n, b) -> {
            count[0]++;
            progress.item(n);
            progress.advance(b.length);
            handler.accept(n, b);
        };
        try {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(path)) {
                    files = s.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) file(f, wanted, counting);
            } else {
                file(path, wanted, counting);
            }
        } catch (IOException e) {
            throw new AdvisoryImportException("could not read " + path + ": " + e.getMessage(), e);
        }
        return count[0];
    }

    private static void file(Path f, Predicate<String> wanted, Handler handler) throws IOException {
        String name = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".zip")) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(f))) {
                zip(f.toString(), in, wanted, handler);
            }
        } else if (name.endsWith(".tar") || name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".tar.zst")
                || name.endsWith(".tar.xz")) {
            try (InputStream in = decompress(name, new BufferedInputStream(Files.newInputStream(f)))) {
                tar(f.toString(), in, wanted, handler);
            }
        } else if (name.endsWith(".gz") && wanted.test(name.substring(0, name.length() - 3))) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                handler.accept(f.toString(), bounded(f.toString(), in));
            } catch (java.io.EOFException | java.util.zip.ZipException e) {
                throw new AdvisoryImportException(f + " is truncated or corrupt: " + e.getMessage(), e);
            }
        } else if (wanted.test(name)) {
            if (Files.size(f) > MAX_ENTRY) throw new AdvisoryImportException(f + " is larger than " + MAX_ENTRY + " bytes");
            handler.accept(f.toString(), Files.readAllBytes(f));
        }
    }

    private static InputStream decompress(String name, InputStream in) throws IOException {
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) return new GZIPInputStream(in, 1 << 16);
        if (name.endsWith(".tar.zst")) return new ZstdInputStream(in);
        if (name.endsWith(".tar.xz")) return new XZCompressorInputStream(in);
        return in;
    }

    static void zip(String where, InputStream in, Predicate<String> wanted, Handler handler) {
        int entries = 0;
        try (ZipInputStream zin = new ZipInputStream(in)) {
            for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                entries++;
                if (e.isDirectory()) continue;
                String entryName = e.getName();
                String base = entryName.substring(entryName.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
                if (base.endsWith(".zip")) {
                    zip(where + "!" + entryName, new ByteArrayInputStream(bounded(entryName, zin)), wanted, handler);
                } else if (wanted.test(base)) {
                    handler.accept(where + "!" + entryName, bounded(where + "!" + entryName, zin));
                }
            }
        } catch (IOException e) {
            throw new AdvisoryImportException(where + " is truncated or corrupt (after " + entries + " entries): " + e.getMessage(), e);
        }
        if (entries == 0) throw new AdvisoryImportException(where + " is not a zip archive or holds no entries");
    }

    private static void tar(String where, InputStream in, Predicate<String> wanted, Handler handler) {
        try (TarArchiveInputStream tin = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tin.getNextEntry(); e != null; e = tin.getNextEntry()) {
                if (!e.isFile()) continue;
                String base = e.getName().substring(e.getName().lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
                if (wanted.test(base)) handler.accept(where + "!" + e.getName(), bounded(e.getName(), tin));
            }
        } catch (IOException e) {
            throw new AdvisoryImportException(where + " is truncated or corrupt: " + e.getMessage(), e);
        }
    }

    private static byte[] bounded(String name, InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(MAX_ENTRY + 1, Integer.MAX_VALUE - 8));
        if (bytes.length > MAX_ENTRY) throw new AdvisoryImportException(name + " is larger than " + MAX_ENTRY + " bytes");
        return bytes;
    }
}
