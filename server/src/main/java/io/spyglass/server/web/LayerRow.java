package io.spyglass.server.web;

/**
 * One step of an image's history: the command that made it and, unless it changed only metadata
 * ({@code empty}), the layer it added.
 */
record LayerRow(int index, String digest, String size, String createdBy, boolean empty) {
    String shortDigest() {
        return digest.length() > 19 ? digest.substring(0, 19) : digest;
    }
}
