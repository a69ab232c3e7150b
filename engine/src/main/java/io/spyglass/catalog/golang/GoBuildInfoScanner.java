package io.spyglass.catalog.golang;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Finds Go's build info in an executable read once as a stream. Layout ({@code debug/buildinfo}
 * {@code readRawBuildInfo}): a 32-byte header starting with the magic {@code "\xff Go buildinf:"},
 * pointer size at byte 14, flags at 15. Go ≥ 1.18 sets flag bit 2 and two varint-length-prefixed
 * strings follow, the Go version and the modinfo: no section lookup, so any object format works.
 * Go 1.13–1.17 instead put two pointers (bit 1: big-endian) to the Go strings
 * {@code runtime.buildVersion} and {@code runtime.modinfo}; {@link GoLegacyBuildInfo} resolves
 * them through the ELF, Mach-O or PE segments, with strings kept on the way ({@link RetainedStrings}).
 * Memory is one window that grows only to hold a candidate's strings (bounded).
 */
final class GoBuildInfoScanner {
    static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    /** The 16-byte sentinels cmd/go wraps modinfo in (cmd/go/internal/modload infoStart, infoEnd). */
    static final byte[] MODINFO_START = HexFormat.of().parseHex("3077af0c9274080241e1c107e6d618e6");
    static final byte[] MODINFO_END = HexFormat.of().parseHex("f932433186182072008242104116d8f2");
    static final int HEADER = 32;
    static final int MAX_VERSION = 1024;
    static final int MAX_MODINFO = 8 * 1024 * 1024;
    private static final int FLAG_INLINE = 0x2;
    /** How much of a possible version string is kept ("devel +hash date" fits easily). */
    private static final int VERSION_KEPT = 128;

    /** What a scan found: build info, an unreadable pre-1.18 header (with why), a magic with garbage after it, or nothing. */
    record Result(Kind kind, String goVersion, String modinfo, String problem) {
        static final Result NOT_GO = new Result(Kind.NOT_GO, null, null, null);
        static final Result OLD_FORMAT = new Result(Kind.OLD_FORMAT, null, null, null);
        static final Result INVALID = new Result(Kind.INVALID, null, null, null);

        static Result found(String goVersion, String modinfo) {
            return new Result(Kind.FOUND, goVersion, stripSentinels(modinfo), null);
        }

        static Result unreadable(String problem) {
            return new Result(Kind.UNREADABLE, null, null, problem);
        }
    }

    /** OLD_FORMAT: pre-1.18 header in an executable whose segments are not known (not ELF, Mach-O or PE). */
    enum Kind { FOUND, NOT_GO, OLD_FORMAT, UNREADABLE, INVALID }

    /** How Go's linker starts the text of a non-ELF file: its build ID (cmd/link/internal/ld). */
    private static final String GO_BUILD_ID = "\u00ff Go build ID: \"";
    private static final BytePattern HEADER_MAGIC = new BytePattern(MAGIC);
    private static final BytePattern[] PATTERNS = {
        HEADER_MAGIC, new BytePattern(MODINFO_START), BytePattern.latin1("go1."), BytePattern.latin1("devel ")};
    private static final BytePattern END_SENTINEL = new BytePattern(MODINFO_END);
    private static final int LONGEST = 16;

    private final StreamWindow window;
    private final RetainedStrings retained = new RetainedStrings();
    /** Per pattern: file offset of its next match (-1: none up to {@link #searched}). */
    private final long[] next = {-1, -1, -1, -1};
    private final long[] searched = new long[PATTERNS.length];
    private SegmentMap segments;
    private boolean sawMagic;
    /** A pre-1.18 header in a file whose segments are unknown. */
    private boolean sawOld;

    private GoBuildInfoScanner(InputStream in) {
        this.window = new StreamWindow(in);
    }

    static Result scan(InputStream in) throws IOException {
        return new GoBuildInfoScanner(in).run();
    }

    private Result run() throws IOException {
        window.more(0);
        // ELF program headers follow the file header; the first read holds them
        segments = SegmentMap.elf(window.buf(), (int) window.limit());
        if (segments == null) {
            boolean goBuildId = window.text().contains(GO_BUILD_ID);
            segments = SegmentMap.macho(window.buf(), (int) window.limit(), goBuildId);
            if (segments == null) segments = SegmentMap.pe(window.buf(), (int) window.limit(), goBuildId);
        }
        // strings for pre-1.18 pointers are kept only in files Go linked: the rest scan at full speed
        int patterns = segments != null && segments.linkedByGo() ? PATTERNS.length : 1;
        long pos = 0;
        while (true) {
            int kind = -1;
            long at = -1;
            for (int k = 0; k < patterns; k++) {
                long hit = nextHit(k, pos);
                if (hit >= 0 && (at < 0 || hit < at)) {
                    at = hit;
                    kind = k;
                }
            }
            if (at < 0) {
                // no pattern starts before the last LONGEST - 1 bytes; keep those, a match may straddle the read
                if (!window.more(window.limit() - LONGEST + 1)) break;
                continue;
            }
            if (kind == 0) {
                Result r = header(at);
                if (r != null) return r;
            } else {
                retain(kind, at);
            }
            pos = at + 1;
        }
        return sawOld ? Result.OLD_FORMAT : sawMagic ? Result.INVALID : Result.NOT_GO;
    }

    /** The build info the magic at {@code at} starts, or null when it starts none and the scan goes on. */
    private Result header(long at) throws IOException {
        sawMagic = true;
        int i = window.ensure(at, HEADER);
        if (i < 0) return null;
        int ptrSize = window.buf()[i + 14];
        int flags = window.buf()[i + 15];
        if ((flags & FLAG_INLINE) != 0 && (ptrSize == 4 || ptrSize == 8)) {
            Result r = inline(at);
            return r.kind() == Kind.FOUND ? r : null;
        }
        if (GoLegacyBuildInfo.isHeader(window, segments, at)) {
            // the window has moved on past the header: whatever this gives is the answer
            return GoLegacyBuildInfo.read(window, segments, retained, at);
        }
        sawOld |= segments == null && (ptrSize == 4 || ptrSize == 8);
        return null;
    }

    /** The next match of pattern {@code k} at or after {@code pos} in the window, or -1. */
    private long nextHit(int k, long pos) throws IOException {
        if (next[k] >= pos && next[k] >= window.base()) return next[k];
        if (next[k] < 0 && searched[k] == window.limit() && pos >= window.base()) return -1;
        // after a match, search on from pos; after none, only what the window gained (less a straddling match)
        long from = next[k] >= 0 ? pos : Math.max(pos, searched[k] - PATTERNS[k].length() + 1);
        from = Math.max(from, window.base());
        int i = PATTERNS[k].indexOf(window, window.index(from));
        searched[k] = window.limit();
        next[k] = i < 0 ? -1 : window.base() + i;
        return next[k];
    }

    /** Keeps a possible version string, or a whole sentinel-framed modinfo, found at {@code at}. */
    private void retain(int kind, long at) throws IOException {
        if (kind == 1) {
            long end = modinfoEnd(at);
            if (end > 0) retained.add(at, copy(at, (int) (end - at)));
            return;
        }
        window.ensure(at, VERSION_KEPT);
        retained.add(at, copy(at, (int) Math.min(VERSION_KEPT, window.limit() - at)));
    }

    /** The file offset just past the end sentinel of the modinfo starting at {@code at}, or -1. */
    private long modinfoEnd(long at) throws IOException {
        long from = at + MODINFO_START.length;
        while (true) {
            int i = END_SENTINEL.indexOf(window, window.index(from));
            if (i >= 0) return window.base() + i + MODINFO_END.length;
            if (window.limit() - at > MAX_MODINFO + 2L * LONGEST) return -1;
            from = Math.max(from, window.limit() - MODINFO_END.length + 1);
            if (!window.more(at)) return -1;
        }
    }

    private byte[] copy(long at, int n) {
        byte[] out = new byte[n];
        System.arraycopy(window.buf(), window.index(at), out, 0, n);
        return out;
    }

    /** Go ≥ 1.18: the version and modinfo as varint-prefixed strings right after the header. */
    private Result inline(long header) throws IOException {
        long[] pos = {header + HEADER};
        String version = string(pos, MAX_VERSION);
        if (version == null || !(version.startsWith("go") || version.startsWith("devel"))) return Result.INVALID;
        String modinfo = string(pos, MAX_MODINFO);
        if (modinfo == null) return Result.INVALID;
        return Result.found(version, modinfo);
    }

    /** Reads a uvarint-prefixed string at file offset {@code pos[0]}, advancing it; null when absent or too long. */
    private String string(long[] pos, int max) throws IOException {
        long length = 0;
        int shift = 0;
        for (int k = 0; ; k++) {
            int i = window.ensure(pos[0], 1);
            if (k >= 10 || i < 0) return null;
            int b = window.buf()[i] & 0xff;
            pos[0]++;
            length |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) break;
            shift += 7;
        }
        if (length < 0 || length > max) return null;
        int i = window.ensure(pos[0], (int) length);
        if (i < 0) return null;
        pos[0] += length;
        return new String(window.buf(), i, (int) length, StandardCharsets.UTF_8);
    }

    /** The modinfo without its 16-byte sentinels; "" when it is not framed by them (as Go does). */
    static String stripSentinels(String modinfo) {
        if (modinfo.length() >= 33 && modinfo.charAt(modinfo.length() - 17) == '\n') {
            return modinfo.substring(16, modinfo.length() - 16);
        }
        return "";
    }
}
