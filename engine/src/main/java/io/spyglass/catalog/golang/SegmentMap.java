package io.spyglass.catalog.golang;

import java.util.ArrayList;
import java.util.List;

/**
 * Where an executable's virtual addresses lie in its file: the ELF loadable segments, read from the
 * program headers near the start of the file (so a stream has them before anything else). Go's
 * {@code debug/buildinfo} resolves the pre-1.18 build-info pointers the same way ({@code elfExe.ReadData}).
 * Also whether Go's linker made the file (its build-ID note, in the first page, which {@code go build}
 * always writes), so that only Go files pay for keeping strings on the way.
 */
record SegmentMap(boolean linkedByGo, List<Segment> segments) {
    private static final int PT_LOAD = 1;
    private static final int PT_NOTE = 4;
    /** cmd/link's ELF note type for the Go build ID, under owner "Go" ({@code ELF_NOTE_GOBUILDID_TAG}). */
    private static final int NOTE_GO_BUILD_ID = 4;
    private static final int PF_W = 2;
    /** More program headers than this is not a real executable (Go writes about ten). */
    private static final int MAX_HEADERS = 4096;

    /**
     * One loadable segment: {@code fileSize} bytes at file {@code offset} are mapped at {@code vaddr},
     * and the rest of its {@code memSize} is zero-filled (.bss: not in the file).
     */
    record Segment(long vaddr, long offset, long fileSize, long memSize, boolean writable) {}

    SegmentMap {
        segments = List.copyOf(segments);
    }

    /** The file offset of the {@code n} bytes at {@code vaddr}, or -1 unless one segment's file bytes hold them all. */
    long fileOffset(long vaddr, long n) {
        for (Segment s : segments) {
            long into = vaddr - s.vaddr;
            if (Long.compareUnsigned(vaddr, s.vaddr) >= 0 && Long.compareUnsigned(into, s.fileSize) < 0) {
                return Long.compareUnsigned(n, s.fileSize - into) <= 0 ? s.offset + into : -1;
            }
        }
        return -1;
    }

    /** True when the {@code n} bytes at {@code vaddr} are zero-filled memory (.bss) that the file does not hold. */
    boolean zeroFilled(long vaddr, long n) {
        for (Segment s : segments) {
            long into = vaddr - s.vaddr;
            if (Long.compareUnsigned(vaddr, s.vaddr) >= 0 && Long.compareUnsigned(into, s.fileSize) >= 0
                    && Long.compareUnsigned(into, s.memSize) < 0 && Long.compareUnsigned(n, s.memSize - into) <= 0) {
                return true;
            }
        }
        return false;
    }

    /** The segment whose file bytes hold file offset {@code offset}, or null. */
    Segment atFileOffset(long offset) {
        for (Segment s : segments) {
            if (offset >= s.offset && offset - s.offset < s.fileSize) return s;
        }
        return null;
    }

    /** The segments of the ELF file whose first {@code len} bytes are {@code b}; null when it is not ELF or is cut short. */
    static SegmentMap elf(byte[] b, int len) {
        if (len < 52 || b[0] != 0x7f || b[1] != 'E' || b[2] != 'L' || b[3] != 'F') return null;
        boolean is64 = b[4] == 2;
        boolean big = b[5] == 2;
        if ((b[4] != 1 && !is64) || (b[5] != 1 && !big) || (is64 && len < 64)) return null;
        Fields f = new Fields(b, big);
        long phoff = is64 ? f.u64(32) : f.u32(28);
        int phentsize = f.u16(is64 ? 54 : 42);
        int phnum = f.u16(is64 ? 56 : 44);
        if (phnum > MAX_HEADERS || phentsize < (is64 ? 56 : 32)) return null;
        List<Segment> out = new ArrayList<>();
        boolean go = false;
        for (int i = 0; i < phnum; i++) {
            long at = phoff + (long) i * phentsize;
            if (at < 0 || at + phentsize > len) return null;
            int p = (int) at;
            if (f.u32(p) == PT_NOTE) {
                go |= hasGoBuildId(f, is64 ? f.u64(p + 8) : f.u32(p + 4), is64 ? f.u64(p + 32) : f.u32(p + 16), len);
            }
            if (f.u32(p) != PT_LOAD) continue;
            long flags = is64 ? f.u32(p + 4) : f.u32(p + 24);
            long offset = is64 ? f.u64(p + 8) : f.u32(p + 4);
            long vaddr = is64 ? f.u64(p + 16) : f.u32(p + 8);
            long fileSize = is64 ? f.u64(p + 32) : f.u32(p + 16);
            long memSize = is64 ? f.u64(p + 40) : f.u32(p + 20);
            if (offset < 0 || fileSize < 0) continue; // beyond 2^63: nothing a stream can reach
            out.add(new Segment(vaddr, offset, fileSize, memSize, (flags & PF_W) != 0));
        }
        return new SegmentMap(go, out);
    }

    /** True when the notes at file {@code offset} (within the first {@code len} bytes) include Go's build ID. */
    private static boolean hasGoBuildId(Fields f, long offset, long size, int len) {
        long at = offset;
        long end = Math.min(offset + size, len);
        while (offset >= 0 && at + 12 <= end) {
            long nameSize = f.u32((int) at);
            long descSize = f.u32((int) at + 4);
            long type = f.u32((int) at + 8);
            long name = at + 12;
            if (type == NOTE_GO_BUILD_ID && (nameSize == 3 || nameSize == 4) && name + 3 <= end
                    && f.b[(int) name] == 'G' && f.b[(int) name + 1] == 'o' && f.b[(int) name + 2] == 0) {
                return true;
            }
            at = name + ((nameSize + 3) & ~3L) + ((descSize + 3) & ~3L);
        }
        return false;
    }

    /** Unsigned fields of either byte order. */
    static final class Fields {
        private final byte[] b;
        private final boolean big;

        Fields(byte[] b, boolean big) {
            this.b = b;
            this.big = big;
        }

        long u64(int at) {
            long v = 0;
            for (int k = 0; k < 8; k++) v |= (b[at + (big ? 7 - k : k)] & 0xffL) << (8 * k);
            return v;
        }

        long u32(int at) {
            long v = 0;
            for (int k = 0; k < 4; k++) v |= (b[at + (big ? 3 - k : k)] & 0xffL) << (8 * k);
            return v;
        }

        int u16(int at) {
            return big ? ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff) : ((b[at + 1] & 0xff) << 8) | (b[at] & 0xff);
        }

        /** A pointer of {@code size} 4 or 8 bytes. */
        long ptr(int at, int size) {
            return size == 8 ? u64(at) : u32(at);
        }
    }
}
