package io.spyglass.catalog.golang;

import io.spyglass.catalog.golang.GoBuildInfoScanner.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Go 1.13–1.17 build info: after the magic, pointer size and byte order, two pointers to the Go
 * strings (address and length, each pointer-sized) {@code runtime.buildVersion} and
 * {@code runtime.modinfo}, as {@code debug/buildinfo} {@code readRawBuildInfo} reads them. The
 * string headers lie in writable data after the build-info header (read on in the stream); their
 * bytes lie in read-only data before it (found among the {@link RetainedStrings}). A pointer that
 * leads outside the file, or back to bytes not kept, makes the build info unreadable.
 */
final class GoLegacyBuildInfo {
    private static final int BUILD_INFO_ALIGN = 16;

    private GoLegacyBuildInfo() {}

    /**
     * True when the magic at {@code at} (its 32 bytes buffered) starts a pre-1.18 header where the
     * linker puts one: 16-aligned in a writable segment, a pointer size, a byte order. Elsewhere it
     * is the magic as a string literal, in the read-only data of a tool that reads build info.
     */
    static boolean isHeader(StreamWindow w, SegmentMap map, long at) {
        if (map == null) return false;
        int i = w.index(at);
        int ptrSize = w.buf()[i + 14];
        int flags = w.buf()[i + 15];
        SegmentMap.Segment s = map.atFileOffset(at);
        return (ptrSize == 4 || ptrSize == 8) && (flags & ~1) == 0 && s != null && s.writable()
                && (s.vaddr() + (at - s.offset())) % BUILD_INFO_ALIGN == 0;
    }

    /** Reads the build info whose header is at file offset {@code at}. */
    static Result read(StreamWindow w, SegmentMap map, RetainedStrings retained, long at) throws IOException {
        int i = w.index(at);
        int ptrSize = w.buf()[i + 14];
        boolean big = (w.buf()[i + 15] & 1) != 0;
        SegmentMap.Fields f = new SegmentMap.Fields(w.buf(), big);
        long versionVar = f.ptr(i + 16, ptrSize);
        long modinfoVar = f.ptr(i + 16 + ptrSize, ptrSize);
        long versionAt = map.fileOffset(versionVar, 2L * ptrSize);
        long modinfoAt = map.fileOffset(modinfoVar, 2L * ptrSize);
        if (versionAt < 0) return outside("runtime.buildVersion", versionVar);
        if (modinfoAt < 0 && map.zeroFilled(modinfoVar, 2L * ptrSize)) {
            // a binary built outside module mode (GOPATH, as Debian's) never sets runtime.modinfo:
            // the variable is in .bss, so it is the empty string, and the version alone is read
            long[] version = new long[2];
            if (!header(w, big, versionAt, ptrSize, version)) return pastEnd(versionVar, modinfoVar);
            return strings(w, map, retained, version, new long[2]);
        }
        if (modinfoAt < 0) return outside("runtime.modinfo", modinfoVar);
        // the window only moves forward: read the nearer string header first
        long[] version = new long[2];
        long[] modinfo = new long[2];
        boolean ok = versionAt <= modinfoAt
                ? header(w, big, versionAt, ptrSize, version) && header(w, big, modinfoAt, ptrSize, modinfo)
                : header(w, big, modinfoAt, ptrSize, modinfo) && header(w, big, versionAt, ptrSize, version);
        if (!ok) return pastEnd(versionVar, modinfoVar);
        return strings(w, map, retained, version, modinfo);
    }

    /** Reads the version and modinfo bytes that the two (address, length) string headers name. */
    private static Result strings(StreamWindow w, SegmentMap map, RetainedStrings retained, long[] version, long[] modinfo)
            throws IOException {
        if (version[1] <= 0 || version[1] > GoBuildInfoScanner.MAX_VERSION) {
            return Result.unreadable("runtime.buildVersion has length " + Long.toUnsignedString(version[1])
                    + (version[1] == 0 ? PIE : ""));
        }
        if (modinfo[1] < 0 || modinfo[1] > GoBuildInfoScanner.MAX_MODINFO) {
            return Result.unreadable("runtime.modinfo has length " + Long.toUnsignedString(modinfo[1]));
        }
        long versionBytes = map.fileOffset(version[0], version[1]);
        // an empty modinfo has no bytes, and a zero address Go never reads
        long modinfoBytes = modinfo[1] == 0 ? 0 : map.fileOffset(modinfo[0], modinfo[1]);
        if (versionBytes < 0) return outside("the runtime.buildVersion bytes", version[0]);
        if (modinfoBytes < 0) return outside("the runtime.modinfo bytes", modinfo[0]);
        byte[] v;
        byte[] m;
        if (versionBytes <= modinfoBytes) {
            v = bytesAt(w, retained, versionBytes, (int) version[1]);
            m = bytesAt(w, retained, modinfoBytes, (int) modinfo[1]);
        } else {
            m = bytesAt(w, retained, modinfoBytes, (int) modinfo[1]);
            v = bytesAt(w, retained, versionBytes, (int) version[1]);
        }
        if (v == null || m == null) {
            return Result.unreadable("its " + (v == null ? "version" : "modinfo") + " string at file offset "
                    + (v == null ? versionBytes : modinfoBytes) + " is not one the scan kept");
        }
        return Result.found(new String(v, StandardCharsets.UTF_8), new String(m, StandardCharsets.UTF_8));
    }

    /** Reads the (address, length) Go string header at file offset {@code at} into {@code out}. */
    private static boolean header(StreamWindow w, boolean big, long at, int ptrSize, long[] out) throws IOException {
        int i = w.ensure(at, 2 * ptrSize);
        if (i < 0) return false;
        // a fresh view: ensure may have replaced the buffer
        SegmentMap.Fields f = new SegmentMap.Fields(w.buf(), big);
        out[0] = f.ptr(i, ptrSize);
        out[1] = f.ptr(i + ptrSize, ptrSize);
        return true;
    }

    /** The {@code n} bytes at file offset {@code at}: kept from earlier, or still ahead in the stream. */
    private static byte[] bytesAt(StreamWindow w, RetainedStrings retained, long at, int n) throws IOException {
        if (n == 0) return new byte[0];
        byte[] kept = retained.get(at, n);
        if (kept != null) return kept;
        int i = w.ensure(at, n);
        if (i < 0) return null;
        byte[] out = new byte[n];
        System.arraycopy(w.buf(), i, out, 0, n);
        return out;
    }

    private static Result pastEnd(long versionVar, long modinfoVar) {
        return Result.unreadable("the string headers it points to (0x" + Long.toHexString(versionVar)
                + ", 0x" + Long.toHexString(modinfoVar) + ") lie before it or past the end of the file");
    }

    private static Result outside(String what, long vaddr) {
        return Result.unreadable(what + " pointer 0x" + Long.toHexString(vaddr) + " lies outside the file's loadable segments"
                + (vaddr == 0 ? PIE : ""));
    }

    /** Why a pointer can be zero in a real file; Go 1.18 moved to inline strings for this reason. */
    private static final String PIE = " (zero: likely a position-independent build, whose pointers are set only when it"
            + " is loaded; go version -m cannot read it either)";
}
