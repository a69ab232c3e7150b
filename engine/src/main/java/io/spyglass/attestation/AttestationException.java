package io.spyglass.attestation;

/** An attestation that cannot be read; the message names what was wrong in one line. */
public final class AttestationException extends RuntimeException {
    public AttestationException(String message) {
        super(message);
    }

    public AttestationException(String message, Throwable cause) {
        super(message, cause);
    }
}
