package io.spyglass.server.store.blob;

import io.spyglass.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content-addressed blobs over a {@link StorageDriver}. Bytes are hashed while they stream in and
 * become visible at their digest's path only after digest and length check out. Chunked uploads
 * keep their running SHA-256 in memory; after a restart (or on another node) the staged bytes are
 * re-read once to rebuild it.
 */
public final class BlobStore {
    private final StorageDriver driver;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    // two requests on one upload at once (a confused or retrying client) take turns in this node
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** The hash of an upload's staged bytes, valid while the staged size is {@code size}. */
    private record Running(MessageDigest sha256, long size) {}

    public BlobStore(StorageDriver driver) {
        this.driver = driver;
    }

    private Object lock(String uploadId) {
        return locks.computeIfAbsent(uploadId, k -> new Object());
    }

    public StorageDriver driver() {
        return driver;
    }

    public boolean exists(Digest digest) throws IOException {
        return driver.exists(BlobPaths.blob(digest));
    }

    public long size(Digest digest) throws IOException {
        try {
            return driver.size(BlobPaths.blob(digest));
        } catch (PathNotFoundException e) {
            throw new BlobException(BlobException.Kind.BLOB_UNKNOWN, "blob " + digest + " is not in the store");
        }
    }

    public InputStream open(Digest digest, long offset) throws IOException {
        try {
            return driver.reader(BlobPaths.blob(digest), offset);
        } catch (PathNotFoundException e) {
            throw new BlobException(BlobException.Kind.BLOB_UNKNOWN, "blob " + digest + " is not in the store");
        }
    }

    /** The committed blob's file when the store is a local folder (for zero-copy serving); empty otherwise. */
    public java.util.Optional<java.nio.file.Path> localFile(Digest digest) {
        return driver instanceof FsStorageDriver fs ? java.util.Optional.of(fs.file(BlobPaths.blob(digest))) : java.util.Optional.empty();
    }

    /**
     * Stores a whole blob in one stream. {@code expectedLength} negative means unknown. Nothing is
     * visible unless the bytes hash to {@code expected}. Returns the size.
     */
    public long put(Digest expected, InputStream in, long expectedLength) throws IOException {
        MessageDigest md = HashingCopy.digest(expected.jcaName());
        try (StorageDriver.FileWriter w = driver.writer(BlobPaths.blob(expected), false)) {
            long n = copy(in, w, md, expectedLength);
            check(expected, md, n, expectedLength);
            w.commit();
            return n;
        }
    }

    /** Starts an upload; its bytes are staged under {@code uploads/<id>/data}. */
    public String startUpload() throws IOException {
        String id = UUID.randomUUID().toString();
        try (StorageDriver.FileWriter w = driver.writer(BlobPaths.upload(id), false)) {
            w.commit();
        }
        running.put(id, new Running(HashingCopy.digest("SHA-256"), 0));
        return id;
    }

    /** Bytes received so far. */
    public long uploadSize(String id) throws IOException {
        try {
            return driver.size(BlobPaths.upload(id));
        } catch (PathNotFoundException | IllegalArgumentException e) {
            throw new BlobException(BlobException.Kind.UPLOAD_UNKNOWN, "no upload " + id + " in progress");
        }
    }

    /**
     * Appends a chunk. {@code offset} (negative: don't check) must equal the bytes received so far,
     * else {@link BlobException.Kind#OUT_OF_ORDER}. A chunk cut short leaves the upload as before.
     */
    public long append(String id, InputStream in, long offset, long length) throws IOException {
        synchronized (lock(id)) {
            return appendLocked(id, in, offset, length);
        }
    }

    private long appendLocked(String id, InputStream in, long offset, long length) throws IOException {
        long size = uploadSize(id);
        if (offset >= 0 && offset != size) {
            throw new BlobException(BlobException.Kind.OUT_OF_ORDER,
                    "chunk starts at byte " + offset + " but the upload has " + size + " bytes");
        }
        Running state = runningHash(id, size);
        MessageDigest md = state.sha256();
        try (StorageDriver.FileWriter w = driver.writer(BlobPaths.upload(id), true)) {
            long n = copy(in, w, md, length);
            if (length >= 0 && n != length) {
                throw new BlobException(BlobException.Kind.TRUNCATED, "chunk ended after " + n + " of " + length + " bytes");
            }
            w.commit();
            running.put(id, new Running(md, size + n));
            return size + n;
        } catch (IOException | RuntimeException e) {
            running.remove(id); // the hash saw bytes that were not kept
            throw e;
        }
    }

    /** Verifies the staged bytes against {@code expected} and makes them the blob. Returns the size. */
    public long complete(String id, Digest expected) throws IOException {
        synchronized (lock(id)) {
            return completeLocked(id, expected);
        }
    }

    private long completeLocked(String id, Digest expected) throws IOException {
        long size = uploadSize(id);
        String digestHex;
        if (expected.algorithm().equals("sha256")) {
            digestHex = HexFormat.of().formatHex(((MessageDigest) clone(runningHash(id, size).sha256())).digest());
        } else {
            digestHex = rehash(id, expected.jcaName());
        }
        if (!digestHex.equals(expected.hex())) {
            cancel(id);
            throw new BlobException(BlobException.Kind.DIGEST_MISMATCH, "upload hashes to " + expected.algorithm()
                    + ":" + digestHex + ", not " + expected);
        }
        String target = BlobPaths.blob(expected);
        if (!driver.exists(target)) driver.move(BlobPaths.upload(id), target);
        cancel(id);
        return size;
    }

    public void cancel(String id) throws IOException {
        running.remove(id);
        locks.remove(id);
        driver.delete(BlobPaths.uploadFolder(id));
    }

    /** Removes a blob's bytes (garbage collection; the database decides what is unreferenced). */
    public void delete(Digest digest) throws IOException {
        driver.delete(BlobPaths.blob(digest).replaceAll("/data$", ""));
    }

    private Running runningHash(String id, long size) throws IOException {
        Running r = running.get(id);
        if (r != null && r.size() == size) return r;
        MessageDigest md = HashingCopy.digest("SHA-256");
        try (InputStream in = driver.reader(BlobPaths.upload(id), 0)) {
            long n = HashingCopy.copy(in, null, md, size);
            if (n != size) throw new IOException("staged upload " + id + " shrank while being read");
        }
        return new Running(md, size);
    }

    private String rehash(String id, String jcaName) throws IOException {
        MessageDigest md = HashingCopy.digest(jcaName);
        try (InputStream in = driver.reader(BlobPaths.upload(id), 0)) {
            HashingCopy.copy(in, null, md, -1);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static long copy(InputStream in, StorageDriver.FileWriter w, MessageDigest md, long limit) throws IOException {
        try {
            return HashingCopy.copy(in, w.stream(), md, limit);
        } catch (IOException e) {
            if (isClientSide(e)) throw new BlobException(BlobException.Kind.TRUNCATED, "the upload stopped early: " + e.getMessage(), e);
            throw e;
        }
    }

    // Jetty reports a client that hung up or sent fewer bytes than Content-Length as EofException
    private static boolean isClientSide(IOException e) {
        return e.getClass().getName().contains("Eof") || e instanceof java.io.EOFException;
    }

    private static void check(Digest expected, MessageDigest md, long n, long expectedLength) {
        if (expectedLength >= 0 && n != expectedLength) {
            throw new BlobException(BlobException.Kind.SIZE_MISMATCH, "got " + n + " bytes, expected " + expectedLength);
        }
        String hex = HexFormat.of().formatHex(md.digest());
        if (!hex.equals(expected.hex())) {
            throw new BlobException(BlobException.Kind.DIGEST_MISMATCH,
                    "content hashes to " + expected.algorithm() + ":" + hex + ", not " + expected);
        }
    }

    private static Object clone(MessageDigest md) {
        try {
            return md.clone();
        } catch (CloneNotSupportedException e) {
            throw new UncheckedIOException(new IOException("digest cannot be cloned", e));
        }
    }
}
