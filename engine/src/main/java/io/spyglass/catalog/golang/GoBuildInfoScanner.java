package io.spyglass.catalog.golang;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds Go's build info in an executable read once as a stream (no section lookup, so any object
 * format works). Layout (Go ≥ 1.18, {@code debug/buildinfo}): a 32-byte header starting with the
 * magic {@code "\xff Go buildinf:"}, pointer size at byte 14, flags at 15 (bit 1: strings inline);
 * then two varint-length-prefixed strings, the Go version and the modinfo. Before 1.18 the header
 * held pointers into the data segment instead; those are reported as {@link Result#OLD_FORMAT}.
 * Memory is one sliding window that grows only to hold a candidate's strings (bounded).
 */
final class GoBuildInfoScanner {
    static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int HEADER = 32;
    private static final int FLAG_INLINE = 0x2;
    private static final int MAX_VERSION = 1024;
    static final int MAX_MODINFO = 8 * 1024 * 1024;

    /** What a scan found: the build info, a pre-1.18 header, a magic with garbage after it, or nothing. */
    record Result(Kind kind, String goVersion, String modinfo) {
        static final Result NOT_GO = new Result(Kind.NOT_GO, null, null);
        static final Result OLD_FORMAT = new Result(Kind.OLD_FORMAT, null, null);
        static final Result INVALID = new Result(Kind.INVALID, null, null);
    }

    enum Kind { FOUND, NOT_GO, OLD_FORMAT, INVALID }

    private final InputStream in;
    private byte[] buf = new byte[256 * 1024];
    private int end;
    private boolean eof;

    private GoBuildInfoScanner(InputStream in) {
        this.in = in;
    }

    static Result scan(InputStream in) throws IOException {
        return new GoBuildInfoScanner(in).run();
    }

    private Result run() throws IOException {
        boolean sawMagic = false;
        boolean sawOld = false;
        int from = 0;
        while (true) {
            int i = indexOf(from);
            if (i < 0) {
                // keep the tail that might start a magic split across reads
                int keep = Math.max(from, end - MAGIC.length + 1);
                if (eof) break;
                compact(keep);
                from = 0;
                fill(buf.length);
                continue;
            }
            sawMagic = true;
            i = available(i, HEADER);
            if (i < 0) break;
            Result r = candidate(i);
            if (r.kind() == Kind.FOUND) return r;
            if (r.kind() == Kind.OLD_FORMAT) sawOld = true;
            i = index;
            from = i + 1;
        }
        return sawOld ? Result.OLD_FORMAT : sawMagic ? Result.INVALID : Result.NOT_GO;
    }

    /** The current index of the candidate after any compaction done while reading it. */
    private int index;

    private Result candidate(int i) throws IOException {
        index = i;
        int ptrSize = buf[i + 14];
        int flags = buf[i + 15];
        if (ptrSize != 4 && ptrSize != 8) return Result.INVALID;
        if ((flags & FLAG_INLINE) == 0) return Result.OLD_FORMAT;
        int[] pos = {HEADER};
        String version = string(pos, MAX_VERSION);
        if (version == null || !(version.startsWith("go") || version.startsWith("devel"))) return Result.INVALID;
        String modinfo = string(pos, MAX_MODINFO);
        if (modinfo == null) return Result.INVALID;
        // the modinfo is wrapped in two 16-byte sentinels (cmd/go/internal/modload.ModInfoData)
        if (modinfo.length() >= 33 && modinfo.charAt(modinfo.length() - 17) == '\n') {
            modinfo = modinfo.substring(16, modinfo.length() - 16);
        } else {
            modinfo = "";
        }
        return new Result(Kind.FOUND, version, modinfo);
    }

    /** Reads a uvarint-prefixed string at {@code index + pos[0]}, advancing pos; null when absent or too long. */
    private String string(int[] pos, int max) throws IOException {
        long length = 0;
        int shift = 0;
        for (int k = 0; ; k++) {
            if (k >= 10 || (index = available(index, pos[0] + 1)) < 0) return null;
            int b = buf[index + pos[0]++] & 0xff;
            length |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) break;
            shift += 7;
        }
        if (length > max) return null;
        if ((index = available(index, pos[0] + (int) length)) < 0) return null;
        String s = new String(buf, index + pos[0], (int) length, StandardCharsets.UTF_8);
        pos[0] += (int) length;
        return s;
    }

    /** Makes {@code n} bytes from {@code at} available; returns their new start, or -1 at end of file. */
    private int available(int at, int n) throws IOException {
        if (at >= 0 && at + n <= end) return at;
        if (at < 0) return -1;
        compact(at);
        if (n > buf.length) buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        fill(n);
        return end >= n ? 0 : -1;
    }

    private void compact(int from) {
        System.arraycopy(buf, from, buf, 0, end - from);
        end -= from;
    }

    private void fill(int target) throws IOException {
        while (end < target && !eof) {
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) eof = true;
            else end += n;
        }
    }

    /**
     * The first magic at or after {@code from} (Boyer-Moore-Horspool: a binary is mostly bytes that
     * are not in the magic, so most steps skip its whole length; this scan reads every byte of
     * every executable in an image).
     */
    private int indexOf(int from) {
        int last = MAGIC.length - 1;
        for (int i = from; i <= end - MAGIC.length; i += SKIP[buf[i + last] & 0xff]) {
            int k = last;
            while (k >= 0 && buf[i + k] == MAGIC[k]) k--;
            if (k < 0) return i;
        }
        return -1;
    }

    /** How far the magic may move when the byte under its last position is {@code b}. */
    private static final int[] SKIP = skipTable();

    private static int[] skipTable() {
        int[] skip = new int[256];
        Arrays.fill(skip, MAGIC.length);
        for (int j = 0; j < MAGIC.length - 1; j++) skip[MAGIC[j] & 0xff] = MAGIC.length - 1 - j;
        return skip;
    }
}
