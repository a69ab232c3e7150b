package io.spyglass.advisory.source;

/** An import refused as a whole (truncated archive, unreadable path, nothing importable); nothing is stored. */
public class AdvisoryImportException extends RuntimeException {
    public AdvisoryImportException(String message) {
        super(message);
    }

    public AdvisoryImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
