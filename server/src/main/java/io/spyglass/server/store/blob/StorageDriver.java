package io.spyglass.server.store.blob;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Where bytes live: a small interface over a local folder or an S3-compatible object store,
 * modelled on distribution's {@code storagedriver.StorageDriver}. Paths are relative keys such as
 * {@code blobs/sha256/ab/abcdef…/data} (see {@code BlobPaths}). Every driver passes the same
 * contract test ({@code StorageDriverContract}).
 *
 * <p>Nothing written through {@link #writer} is visible at its path until {@link FileWriter#commit};
 * a cancelled or abandoned writer leaves no trace at the path.
 */
public interface StorageDriver {

    /** Streams the content from {@code offset}. @throws PathNotFoundException when absent */
    InputStream reader(String path, long offset) throws IOException;

    /**
     * Opens a writer. With {@code append}, continues the content already committed at {@code path}
     * (chunked uploads, also after a restart); otherwise starts empty.
     */
    FileWriter writer(String path, boolean append) throws IOException;

    /** Size in bytes of the committed content. @throws PathNotFoundException when absent */
    long size(String path) throws IOException;

    boolean exists(String path) throws IOException;

    /** Moves committed content; replaces {@code to} if present. @throws PathNotFoundException when absent */
    void move(String from, String to) throws IOException;

    /** Deletes a path and everything under it (as a prefix); absent is not an error. */
    void delete(String path) throws IOException;

    /** Paths directly under a prefix ("folder"), sorted. */
    List<String> list(String prefix) throws IOException;

    /** A writer that publishes its bytes only on {@link #commit}. */
    interface FileWriter extends Closeable {
        OutputStream stream();

        /** Bytes committed before plus bytes written so far. */
        long size();

        void commit() throws IOException;

        /** Discards what this writer wrote; the path keeps its previously committed content. */
        void cancel() throws IOException;
    }
}
