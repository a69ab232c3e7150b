package io.spyglass.catalog.golang;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A byte string searched for with Boyer-Moore-Horspool: an executable is mostly bytes that are not
 * in the pattern, so most steps skip its whole length. The Go scan reads every byte of every
 * executable in an image, so this matters.
 */
final class BytePattern {
    private final byte[] bytes;
    private final int[] skip = new int[256];

    BytePattern(byte[] bytes) {
        if (bytes.length == 0) throw new IllegalArgumentException("empty pattern");
        this.bytes = bytes.clone();
        Arrays.fill(skip, bytes.length);
        for (int j = 0; j < bytes.length - 1; j++) skip[bytes[j] & 0xff] = bytes.length - 1 - j;
    }

    static BytePattern latin1(String s) {
        return new BytePattern(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    int length() {
        return bytes.length;
    }

    /** The first match in {@code buf[from, end)}, or -1. */
    int indexOf(byte[] buf, int from, int end) {
        int last = bytes.length - 1;
        for (int i = Math.max(from, 0); i <= end - bytes.length; i += skip[buf[i + last] & 0xff]) {
            int k = last;
            while (k >= 0 && buf[i + k] == bytes[k]) k--;
            if (k < 0) return i;
        }
        return -1;
    }
}
