package io.spyglass.catalog.walk;

import java.io.IOException;

/** A layer expanded beyond the configured {@link WalkLimits}: likely a decompression bomb. */
public class DecompressionLimitException extends IOException {
    public DecompressionLimitException(String message) {
        super(message);
    }
}
