package io.spyglass.catalog.java;

/**
 * Bounds on one archive and everything nested in it, so a zip bomb costs bounded time and no
 * memory: nesting depth, total uncompressed bytes inflated, total entries, and the size of a
 * metadata file read into memory.
 */
record ArchiveLimits(int maxDepth, long maxTotalBytes, long maxEntries, int maxMetadataBytes) {
    /** Real fat jars/wars reach a few hundred MB uncompressed and tens of thousands of entries. */
    static final ArchiveLimits DEFAULT = new ArchiveLimits(8, 2L * 1024 * 1024 * 1024, 500_000, 1024 * 1024);

    ArchiveLimits {
        if (maxDepth < 1 || maxTotalBytes < 1 || maxEntries < 1 || maxMetadataBytes < 1) {
            throw new IllegalArgumentException("archive limits must be positive");
        }
    }
}
