package io.spyglass.image.source;

/** An image that cannot be found or read from its source; the message says what and where. */
public class ImageSourceException extends RuntimeException {
    public ImageSourceException(String message) {
        super(message);
    }

    public ImageSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
