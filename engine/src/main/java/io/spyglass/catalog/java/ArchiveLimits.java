package io.spyglass.catalog.java;

/**
 * Bounds on one archive and everything nested in it, so a zip bomb costs bounded time and no
 * memory: nesting depth, total uncompressed bytes inflated, total entries, and the size of a
 * metadata file read into memory; and the bytes of archives held in memory at once (the file and the
 * archives nested in it being read) so they can be read by their central directory (0: never).
 */
record ArchiveLimits(int maxDepth, long maxTotalBytes, long maxEntries, int maxMetadataBytes, int maxHeldBytes) {
    /**
     * Real fat jars/wars reach a few hundred MB uncompressed and tens of thousands of entries; most
     * libraries are well under a few MB, and a layer walk holds files up to 8 MiB already.
     */
    static final ArchiveLimits DEFAULT = new ArchiveLimits(8, 2L * 1024 * 1024 * 1024, 500_000, 1024 * 1024, 16 << 20);

    ArchiveLimits {
        if (maxDepth < 1 || maxTotalBytes < 1 || maxEntries < 1 || maxMetadataBytes < 1 || maxHeldBytes < 0) {
            throw new IllegalArgumentException("archive limits must be positive");
        }
    }
}
