package io.spyglass.server.store.blob;

import java.io.IOException;

/** A storage path that does not exist. */
public class PathNotFoundException extends IOException {
    public PathNotFoundException(String path) {
        super("path not found: " + path);
    }
}
