package io.spyglass.catalog;

/**
 * A file the scan could not fully read (corrupt database, zip bomb, binary that only looks like Go),
 * reported as a warning naming the file and layer while the rest of the SBOM stands.
 */
public record Unknown(String path, String layer, String message) {
    /** How a warning about a whole layer starts: it could not be read (at all, or past some file). */
    public static final String LAYER_UNREADABLE = "layer unreadable";
    /** How a warning about a whole layer starts: its content did not match its digest, none of it counts. */
    public static final String LAYER_IGNORED = "layer ignored";

    /** True when this is about a layer that was not (fully) read, rather than one file in it. */
    public boolean layerFailed() {
        return message.startsWith(LAYER_UNREADABLE) || message.startsWith(LAYER_IGNORED);
    }

    public Unknown withLayer(String newLayer) {
        return new Unknown(path, newLayer, message);
    }

    @Override
    public String toString() {
        return path + (layer == null ? "" : " (layer " + layer + ")") + ": " + message;
    }
}
