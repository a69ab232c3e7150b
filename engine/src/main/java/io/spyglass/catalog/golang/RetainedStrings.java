package io.spyglass.catalog.golang;

import java.util.Map;
import java.util.TreeMap;

/**
 * Strings passed while streaming that a pre-1.18 build-info header, found later in the file, may
 * point back to. Go 1.13–1.17 keep the version and modinfo bytes in read-only data, before the
 * header in the writable segment; a stream cannot go back, and holding all read-only data of
 * every executable would cost megabytes each. So the scan keeps only what can be those strings:
 * each run starting {@code go1.}/{@code devel} (a version) and each sentinel-framed modinfo,
 * bounded in count and bytes. The pointers then decide which one is meant, exactly.
 */
final class RetainedStrings {
    private static final int MAX_ENTRIES = 4096;
    private static final long MAX_BYTES = 2L * GoBuildInfoScanner.MAX_MODINFO;

    private final TreeMap<Long, byte[]> byOffset = new TreeMap<>();
    private long bytes;

    /** Keeps {@code content}, found at file offset {@code offset}, while within the bounds. */
    void add(long offset, byte[] content) {
        if (byOffset.size() >= MAX_ENTRIES || bytes + content.length > MAX_BYTES) return;
        byte[] old = byOffset.put(offset, content);
        bytes += content.length - (old == null ? 0 : old.length);
    }

    /** The {@code length} bytes at file offset {@code offset} when one kept string holds them all; else null. */
    byte[] get(long offset, int length) {
        Map.Entry<Long, byte[]> e = byOffset.floorEntry(offset);
        if (e == null) return null;
        long into = offset - e.getKey();
        if (into + length > e.getValue().length) return null;
        byte[] out = new byte[length];
        System.arraycopy(e.getValue(), (int) into, out, 0, length);
        return out;
    }
}
