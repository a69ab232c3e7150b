package io.spyglass.catalog.golang;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A forward-only window over a file read once as a stream, addressed by file offset. The walker
 * may hand a large executable as the layer's tar stream itself, which cannot seek; so bytes behind
 * the window are gone, and the window only grows (bounded by its callers) to hold what is asked.
 */
final class StreamWindow {
    private static final int CHUNK = 256 * 1024;

    private final InputStream in;
    private byte[] buf = new byte[CHUNK];
    private int end;
    private long base;
    private boolean eof;
    /** {@link #text()} of the current window, or null once the window changed. */
    private String text;

    StreamWindow(InputStream in) {
        this.in = in;
    }

    byte[] buf() {
        return buf;
    }

    /**
     * The buffered bytes as a Latin-1 string (one char per byte, index = buffer index). String's
     * {@code indexOf} is a vectorised JVM intrinsic, several times faster than any byte loop here;
     * the copy costs far less than the searches it serves.
     */
    String text() {
        if (text == null) text = new String(buf, 0, end, StandardCharsets.ISO_8859_1);
        return text;
    }

    /** File offset of {@code buf[0]}. */
    long base() {
        return base;
    }

    /** File offset just past the buffered bytes. */
    long limit() {
        return base + end;
    }

    boolean eof() {
        return eof;
    }

    /** Index in {@link #buf()} of file offset {@code offset}, which must be buffered. */
    int index(long offset) {
        return (int) (offset - base);
    }

    /**
     * Makes the {@code n} bytes at {@code offset} available and returns their index in {@link #buf()};
     * -1 when they lie behind the window or past the end of the file. Bytes before {@code offset}
     * may be dropped.
     */
    int ensure(long offset, int n) throws IOException {
        if (offset < base || n < 0) return -1;
        if (offset + n <= limit()) return index(offset);
        if (offset >= limit()) {
            base = limit();
            end = 0;
            if (!skip(offset - base)) return -1;
        } else {
            compact(index(offset));
        }
        if (n > buf.length) buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        fill(n);
        return end >= n ? 0 : -1;
    }

    /** Reads more of the file, keeping the bytes from {@code keepFrom} on; false at end of file. */
    boolean more(long keepFrom) throws IOException {
        if (eof) return false;
        long keep = Math.max(keepFrom, base);
        if (keep > limit()) keep = limit();
        compact(index(keep));
        if (end == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
        int before = end;
        fill(Math.min(buf.length, end + CHUNK));
        return end > before;
    }

    private boolean skip(long n) throws IOException {
        text = null;
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(n, buf.length));
            if (r < 0) {
                eof = true;
                return false;
            }
            n -= r;
            base += r;
        }
        return true;
    }

    private void compact(int from) {
        text = null;
        System.arraycopy(buf, from, buf, 0, end - from);
        end -= from;
        base += from;
    }

    private void fill(int target) throws IOException {
        text = null;
        while (end < target && !eof) {
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) eof = true;
            else end += n;
        }
    }
}
