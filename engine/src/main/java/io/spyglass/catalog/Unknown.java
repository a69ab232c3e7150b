package io.spyglass.catalog;

/**
 * A file the scan could not fully read (corrupt database, zip bomb, binary that only looks like Go),
 * reported as a warning naming the file and layer while the rest of the SBOM stands.
 */
public record Unknown(String path, String layer, String message) {
    public Unknown withLayer(String newLayer) {
        return new Unknown(path, newLayer, message);
    }

    @Override
    public String toString() {
        return path + (layer == null ? "" : " (layer " + layer + ")") + ": " + message;
    }
}
