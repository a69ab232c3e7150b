package io.spyglass.server.store.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;


/**
 * Streams one S3 object: bytes collect in a single part-sized buffer; each full buffer goes up as
 * a part of a multipart upload, started on the first full buffer. Content that never fills a
 * buffer is sent with one PutObject on commit. So at most one part (5 MiB) is held in memory, and
 * nothing appears at the key before {@link #commit} (S3 publishes an object only when its
 * PutObject or CompleteMultipartUpload succeeds).
 */
final class S3ObjectWriter extends OutputStream {
    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final byte[] buffer;
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;
    private long written;
    private String uploadId;
    private boolean done;

    S3ObjectWriter(S3Client s3, String bucket, String key, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.buffer = new byte[partSize];
    }

    long written() {
        return written;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            written += n;
            off += n;
            len -= n;
            if (filled == buffer.length) uploadBuffer();
        }
    }

    /** Publishes the object at its key. */
    void commit() throws IOException {
        ensureOpen();
        try {
            if (uploadId == null) {
                s3.putObject(r -> r.bucket(bucket).key(key), body());
            } else {
                if (filled > 0 || parts.isEmpty()) uploadBuffer();
                List<CompletedPart> all = List.copyOf(parts);
                s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(all)));
            }
            done = true;
        } catch (SdkException e) {
            throw new IOException("S3 write of " + key + " failed: " + e.getMessage(), e);
        }
    }

    /** Drops what was written; S3 frees the parts of an aborted multipart upload. */
    void cancel() throws IOException {
        if (done) return;
        done = true;
        if (uploadId == null) return;
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            throw new IOException("S3 abort of upload to " + key + " failed: " + e.getMessage(), e);
        }
    }

    boolean isDone() {
        return done;
    }

    /** Closing the stream does not publish: only {@link #commit} does. */
    @Override
    public void close() {}

    private void uploadBuffer() throws IOException {
        try {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
            }
            int number = parts.size() + 1;
            String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                    body()).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            filled = 0;
        } catch (SdkException e) {
            throw new IOException("S3 upload of a part of " + key + " failed: " + e.getMessage(), e);
        }
    }

    /** The buffer as a body the SDK can re-read on retry, without copying it. */
    private RequestBody body() {
        int length = filled;
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length),
                length, "application/octet-stream");
    }

    private void ensureOpen() throws IOException {
        if (done) throw new IOException("writer for " + key + " is already committed or cancelled");
    }
}
