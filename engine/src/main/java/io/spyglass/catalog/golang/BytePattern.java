package io.spyglass.catalog.golang;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A byte string searched for in a {@link StreamWindow}. The Go scan reads every byte of every
 * executable in an image, so this matters. Long patterns use Boyer-Moore-Horspool: an executable
 * is mostly bytes not in the pattern, so most steps skip its whole length. Short ones (a 4-byte
 * step is too short to pay off) use the window's Latin-1 text, whose {@code indexOf} the JVM
 * vectorises.
 */
final class BytePattern {
    private static final int HORSPOOL_MIN = 8;

    private final byte[] bytes;
    private final String text;
    private final int[] skip = new int[256];

    BytePattern(byte[] bytes) {
        if (bytes.length == 0) throw new IllegalArgumentException("empty pattern");
        this.bytes = bytes.clone();
        this.text = new String(bytes, StandardCharsets.ISO_8859_1);
        Arrays.fill(skip, bytes.length);
        for (int j = 0; j < bytes.length - 1; j++) skip[bytes[j] & 0xff] = bytes.length - 1 - j;
    }

    static BytePattern latin1(String s) {
        return new BytePattern(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    int length() {
        return bytes.length;
    }

    /** Index in the window's buffer of the first match at or after buffer index {@code from}, or -1. */
    int indexOf(StreamWindow w, int from) {
        if (bytes.length < HORSPOOL_MIN) return w.text().indexOf(text, Math.max(from, 0));
        byte[] buf = w.buf();
        int end = (int) (w.limit() - w.base());
        int last = bytes.length - 1;
        for (int i = Math.max(from, 0); i <= end - bytes.length; i += skip[buf[i + last] & 0xff]) {
            int k = last;
            while (k >= 0 && buf[i + k] == bytes[k]) k--;
            if (k < 0) return i;
        }
        return -1;
    }
}
