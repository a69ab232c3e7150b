package io.spyglass.server.store.blob;

import io.spyglass.image.Digest;
import java.util.UUID;

/**
 * The storage layout, the one place that knows it:
 * <pre>
 * &lt;root&gt;
 * ├── blobs
 * │   ├── sha256
 * │   │   └── ab
 * │   │       └── abcdef0123…            (the full hex digest)
 * │   │           └── data               committed content, verified before it got here
 * │   └── sha512
 * │       └── …                          same shape
 * └── uploads
 *     └── &lt;uuid&gt;
 *         └── data                       bytes received so far; moved to blobs/… after the digest checks out
 * </pre>
 * Manifests are blobs too; what they are is recorded in the database.
 */
public final class BlobPaths {
    private BlobPaths() {}

    public static String blob(Digest digest) {
        return "blobs/" + digest.algorithm() + "/" + digest.hex().substring(0, 2) + "/" + digest.hex() + "/data";
    }

    public static String uploadFolder(String uploadId) {
        return "uploads/" + requireUuid(uploadId);
    }

    public static String upload(String uploadId) {
        return uploadFolder(uploadId) + "/data";
    }

    /** Upload ids are UUIDs; anything else could point outside the uploads folder. */
    static String requireUuid(String id) {
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("upload id '" + id + "' is not a UUID", e);
        }
    }
}
