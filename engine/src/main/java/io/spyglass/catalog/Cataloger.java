package io.spyglass.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Finds the packages of one ecosystem in one kind of file (dpkg status, pom.properties, …).
 *
 * <p>The layer walker streams every tar entry of every layer once; for each regular file it asks
 * every cataloger {@link #wants} (cheap: path, size, mode only) and hands the content to those that
 * do. A cataloger never opens files or walks layers itself (syft's generic cataloger does the same).
 * The walker records the layer and applies whiteouts; the cataloger only turns bytes into packages.
 */
public interface Cataloger {

    /** A short, stable name such as {@code dpkg-db-cataloger}; shown in warnings. */
    String name();

    /** True when this cataloger wants the content of the file. Must not do I/O. */
    boolean wants(FileEntry entry);

    /**
     * Reads one file and returns what it found. The stream is the file's content only and must not
     * be closed. A problem the scan can survive becomes an {@link Unknown} in the result; packages
     * already found are kept. Throwing is for a stream that fails (truncated layer), not bad content.
     *
     * <p>Each package carries {@code Location.of(entry.path())} (or a deeper path such as
     * {@code app.jar:BOOT-INF/lib/x.jar}); the walker fills in the layer.
     */
    ParseResult parse(FileEntry entry, InputStream content) throws IOException;

    /**
     * True when a symlink this cataloger {@link #wants} stands for the file it points to, so the
     * packages of that file are reported at the link's path too. Default false: most ecosystems
     * ship links as aliases of one package (Debian's {@code /usr/share/java/x.jar -> x-1.2.jar}).
     */
    default boolean followsSymlinks() {
        return false;
    }

    /**
     * Rules across files, applied once at the end to everything this cataloger found in the final
     * filesystem (e.g. a package-lock.json counts only where no node_modules exists). Default: keep all.
     */
    default List<Package> select(List<Package> found) {
        return found;
    }
}
