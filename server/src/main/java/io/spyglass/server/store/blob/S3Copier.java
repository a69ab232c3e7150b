package io.spyglass.server.store.blob;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Server-side copies: the bytes never pass through this process. CopyObject takes at most 5 GiB,
 * so bigger objects, and several objects joined into one, go through a multipart upload whose
 * parts are UploadPartCopy ranges. S3 wants every part but the last to be at least 5 MiB.
 */
final class S3Copier {
    static final long MIN_PART = 5L * 1024 * 1024;
    private static final int MAX_PARTS = 10_000;

    /** A byte range {@code [start, end]} (inclusive, as in HTTP) of a source object. */
    record Segment(String key, long start, long end) {
        long length() {
            return end - start + 1;
        }
    }

    private final S3Client s3;
    private final String bucket;
    private final long maxCopySize;
    private final long copyPartSize;

    /**
     * @param maxCopySize largest object one CopyObject may copy (5 GiB on AWS)
     * @param copyPartSize range size of each UploadPartCopy when an object is split
     */
    S3Copier(S3Client s3, String bucket, long maxCopySize, long copyPartSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.maxCopySize = maxCopySize;
        this.copyPartSize = Math.max(MIN_PART, copyPartSize);
    }

    /** Copies one object of {@code size} bytes to {@code dst}. */
    void copy(String src, long size, String dst) throws IOException {
        if (size <= maxCopySize) {
            try {
                s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(src).destinationBucket(bucket).destinationKey(dst));
            } catch (SdkException e) {
                throw new IOException("S3 copy of " + src + " to " + dst + " failed: " + e.getMessage(), e);
            }
            return;
        }
        compose(split(List.of(new Segment(src, 0, size - 1))), dst);
    }

    /**
     * The objects (key → size, in order) split into server-side copy ranges, or null when S3 cannot
     * join them that way (a non-last piece under 5 MiB, or too many pieces).
     */
    List<Segment> plan(List<String> keys, List<Long> sizes) {
        List<Segment> whole = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (sizes.get(i) == 0) continue;
            whole.add(new Segment(keys.get(i), 0, sizes.get(i) - 1));
        }
        List<Segment> segments = split(whole);
        for (int i = 0; i < segments.size() - 1; i++) {
            if (segments.get(i).length() < MIN_PART) return null;
        }
        return segments.isEmpty() || segments.size() > MAX_PARTS ? null : segments;
    }

    /** Joins the segments into a new object at {@code dst} with UploadPartCopy. */
    void compose(List<Segment> segments, String dst) throws IOException {
        String uploadId = null;
        try {
            String id = s3.createMultipartUpload(r -> r.bucket(bucket).key(dst)).uploadId();
            uploadId = id;
            List<CompletedPart> parts = new ArrayList<>();
            for (Segment s : segments) {
                int number = parts.size() + 1;
                String etag = s3.uploadPartCopy(r -> r.sourceBucket(bucket).sourceKey(s.key())
                        .copySourceRange("bytes=" + s.start() + "-" + s.end())
                        .destinationBucket(bucket).destinationKey(dst).uploadId(id).partNumber(number))
                        .copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(dst).uploadId(id).multipartUpload(m -> m.parts(parts)));
        } catch (SdkException e) {
            abortQuietly(dst, uploadId, e);
            throw new IOException("S3 multipart copy to " + dst + " failed: " + e.getMessage(), e);
        }
    }

    private List<Segment> split(List<Segment> segments) {
        List<Segment> out = new ArrayList<>();
        for (Segment s : segments) {
            for (long start = s.start(); start <= s.end(); start += copyPartSize) {
                out.add(new Segment(s.key(), start, Math.min(s.end(), start + copyPartSize - 1)));
            }
        }
        return out;
    }

    private void abortQuietly(String dst, String uploadId, Exception cause) {
        if (uploadId == null) return;
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(dst).uploadId(uploadId));
        } catch (SdkException e) {
            cause.addSuppressed(e);
        }
    }
}
