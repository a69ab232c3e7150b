package io.spyglass.image;

/** A manifest, index or config that cannot be read (bad JSON, missing fields, schema 1, …). */
public class InvalidManifestException extends IllegalArgumentException {
    public InvalidManifestException(String message) {
        super(message);
    }

    public InvalidManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
