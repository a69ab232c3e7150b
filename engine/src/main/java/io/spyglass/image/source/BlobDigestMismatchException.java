package io.spyglass.image.source;

import java.io.IOException;

/** A blob whose content does not hash to its digest: nothing read from it may be trusted. */
public class BlobDigestMismatchException extends IOException {
    public BlobDigestMismatchException(String message) {
        super(message);
    }
}
