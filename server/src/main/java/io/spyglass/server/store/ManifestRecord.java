package io.spyglass.server.store;

import java.util.List;

/**
 * A stored manifest: what it is and what it points to. The bytes are the blob {@code digest}.
 * {@code references} lists child manifests (of an index) and blobs (config and layers).
 */
public record ManifestRecord(String digest, String mediaType, long size, String configDigest, String subjectDigest,
                             String artifactType, String annotationsJson, List<Reference> references) {

    public ManifestRecord {
        references = references == null ? List.of() : List.copyOf(references);
    }

    public record Reference(String digest, Kind kind) {}

    public enum Kind { MANIFEST, BLOB }
}
