package io.spyglass.vex;

/** A VEX document that cannot be used, and why: it is refused whole. */
public final class VexException extends RuntimeException {
    public VexException(String message) {
        super(message);
    }

    public VexException(String message, Throwable cause) {
        super(message, cause);
    }
}
