package io.spyglass.advisory;

/** The advisory store could not read or write its data. */
public class AdvisoryStoreException extends RuntimeException {
    public AdvisoryStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public AdvisoryStoreException(String message) {
        super(message);
    }
}
