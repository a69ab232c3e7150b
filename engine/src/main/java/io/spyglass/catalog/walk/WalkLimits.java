package io.spyglass.catalog.walk;

/**
 * Bounds on one image walk. A layer that decompresses past {@code maxTotalBytes} (all layers
 * together), or past {@code maxRatio}:1 once it has produced {@code ratioFloorBytes}, is stopped
 * as a decompression bomb. Files up to {@code maxBufferedFileBytes} are held in memory so several
 * catalogers can read them; larger ones are streamed (one cataloger) or spooled to a temp file.
 */
public record WalkLimits(long maxTotalBytes, double maxRatio, long ratioFloorBytes, int maxBufferedFileBytes) {

    public static final WalkLimits DEFAULT = new WalkLimits(16L << 30, 200.0, 100L << 20, 8 << 20);

    public WalkLimits {
        if (maxTotalBytes <= 0 || maxRatio <= 1 || ratioFloorBytes < 0 || maxBufferedFileBytes < 0) {
            throw new IllegalArgumentException("walk limits must be positive (total " + maxTotalBytes
                    + ", ratio " + maxRatio + ", ratio floor " + ratioFloorBytes + ", buffer " + maxBufferedFileBytes + ")");
        }
    }

    public WalkLimits withMaxTotalBytes(long bytes) {
        return new WalkLimits(bytes, maxRatio, ratioFloorBytes, maxBufferedFileBytes);
    }

    public WalkLimits withRatio(double ratio, long floorBytes) {
        return new WalkLimits(maxTotalBytes, ratio, floorBytes, maxBufferedFileBytes);
    }
}
