package io.spyglass.catalog.rpm;

/** The rpm database or one header in it does not have the structure its format requires. */
final class CorruptRpmDbException extends Exception {
    CorruptRpmDbException(String message) {
        super(message);
    }

    CorruptRpmDbException(String message, Throwable cause) {
        super(message, cause);
    }
}
