package io.spyglass.server.store.blob;

/** A blob or upload request the store refuses; the message names what was wrong. */
public class BlobException extends RuntimeException {

    public enum Kind {
        /** no committed blob with that digest */
        BLOB_UNKNOWN,
        /** no upload in progress with that id */
        UPLOAD_UNKNOWN,
        /** the bytes hash to another digest than the one promised */
        DIGEST_MISMATCH,
        /** the bytes are longer or shorter than promised */
        SIZE_MISMATCH,
        /** a chunk does not start where the upload ends */
        OUT_OF_ORDER,
        /** the client stopped sending in the middle */
        TRUNCATED
    }

    private final Kind kind;

    public BlobException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BlobException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
