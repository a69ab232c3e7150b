package io.spyglass.server.registry;

/** The OCI distribution-spec error codes, each registered once with its HTTP status. */
public enum OciErrorCode {
    BLOB_UNKNOWN(404, "blob unknown to registry"),
    BLOB_UPLOAD_INVALID(400, "blob upload invalid"),
    BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
    DIGEST_INVALID(400, "provided digest did not match uploaded content"),
    MANIFEST_BLOB_UNKNOWN(400, "manifest references a manifest or blob unknown to registry"),
    MANIFEST_INVALID(400, "manifest invalid"),
    MANIFEST_UNKNOWN(404, "manifest unknown to registry"),
    NAME_INVALID(400, "invalid repository name"),
    NAME_UNKNOWN(404, "repository name not known to registry"),
    SIZE_INVALID(400, "provided length did not match content length"),
    UNAUTHORIZED(401, "authentication required"),
    DENIED(403, "requested access to the resource is denied"),
    UNSUPPORTED(415, "the operation is unsupported"),
    TOO_MANY_REQUESTS(429, "too many requests"),
    /** not a spec code: an out-of-order chunk is a 416 carrying BLOB_UPLOAD_INVALID */
    RANGE_INVALID(416, "requested range not satisfiable");

    private final int status;
    private final String message;

    OciErrorCode(int status, String message) {
        this.status = status;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }

    /** The code written in the JSON body. */
    public String wire() {
        return this == RANGE_INVALID ? BLOB_UPLOAD_INVALID.name() : name();
    }
}
