package io.spyglass.advisory.source;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;

/**
 * What {@code db update} remembers between runs: each URL's {@code ETag}/{@code Last-Modified} and
 * each incremental source's cursor (NVD's last-modified time, Red Hat's archive and last change).
 * Written only after the store took the data it describes, so a failed import is fetched again in
 * full next time. A null file keeps it in memory (one server process).
 */
public final class FeedState {
    private final Path file;
    private final Properties values = new Properties();

    private FeedState(Path file) {
        this.file = file;
    }

    public static FeedState inMemory() {
        return new FeedState(null);
    }

    /** The state kept in {@code file}; an unreadable file starts afresh (it only saves downloads). */
    public static FeedState at(Path file) {
        FeedState s = new FeedState(file);
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                s.values.load(r);
            } catch (IOException | IllegalArgumentException e) {
                s.values.clear();
            }
        }
        return s;
    }

    public synchronized String get(String key) {
        return values.getProperty(key);
    }

    /** Records {@code changes} (a null value removes the key) and writes the file. */
    public synchronized void commit(Map<String, String> changes) throws IOException {
        changes.forEach((k, v) -> {
            if (v == null) values.remove(k);
            else values.setProperty(k, v);
        });
        if (file == null) return;
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            values.store(w, "spyglass db update: conditional-request validators and feed cursors");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String etagKey(java.net.URI url) {
        return "etag " + url;
    }

    static String modifiedKey(java.net.URI url) {
        return "last-modified " + url;
    }
}
