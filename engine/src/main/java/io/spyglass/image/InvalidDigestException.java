package io.spyglass.image;

/** A digest string that is not {@code sha256:<64 hex>} or {@code sha512:<128 hex>}. */
public class InvalidDigestException extends IllegalArgumentException {
    public InvalidDigestException(String message) {
        super(message);
    }
}
