package io.spyglass.advisory.bundle;

/** A bundle or artifact that is refused whole: damaged, truncated, wrong digest, unknown source. */
public final class BundleException extends RuntimeException {
    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
