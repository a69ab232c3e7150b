package io.spyglass.catalog.golang;

import java.util.ArrayList;
import java.util.List;

/**
 * Where an executable's virtual addresses lie in its file: the ELF loadable segments, read from the
 * program headers near the start of the file (Mach-O: segment load commands; PE: the section table; both also at the start) (so a stream has them before anything else). Go's
 * {@code debug/buildinfo} resolves the pre-1.18 build-info pointers the same way ({@code elfExe.ReadData}).
 * Also whether Go's linker made the file (its build-ID note, in the first page, which {@code go build}
 * always writes), so that only Go files pay for keeping strings on the way.
 */
record SegmentMap(boolean linkedByGo, List<Segment> segments) {
    private static final int PT_LOAD = 1;
    private static final int PT_NOTE = 4;
    /** cmd/link's ELF note type for the Go build ID, under owner "Go" ({@code ELF_NOTE_GOBUILDID_TAG}). */
    private static final int NOTE_GO_BUILD_ID = 4;
    private static final int LC_SEGMENT = 0x1;
    private static final int LC_SEGMENT_64 = 0x19;
    private static final int VM_PROT_WRITE = 2;
    private static final long IMAGE_SCN_MEM_WRITE = 0x80000000L;
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

    /**
     * The segments of the Mach-O file whose first {@code len} bytes are {@code b} (load commands
     * follow the header), as {@code debug/buildinfo}'s {@code machoExe.ReadData} maps them; null
     * when it is not Mach-O or is cut short. Go's linker writes its build ID as the first bytes of
     * {@code __text} ({@code "\xff Go build ID: "}), in the first page: that marks a file Go made.
     */
    static SegmentMap macho(byte[] b, int len, boolean goBuildIdSeen) {
        if (len < 28) return null;
        long magic = new Fields(b, false).u32(0);
        boolean big = magic == 0xcefaedfeL || magic == 0xcffaedfeL;
        boolean is64 = magic == 0xfeedfacfL || magic == 0xcffaedfeL;
        if (!big && magic != 0xfeedfaceL && magic != 0xfeedfacfL) return null;
        Fields f = new Fields(b, big);
        long ncmds = f.u32(16);
        int at = is64 ? 32 : 28;
        List<Segment> out = new ArrayList<>();
        for (long c = 0; c < Math.min(ncmds, MAX_HEADERS); c++) {
            if (at + 8 > len) return null;
            long cmd = f.u32(at);
            long size = f.u32(at + 4);
            if (size < 8 || at + size > len) return null;
            if (cmd == (is64 ? LC_SEGMENT_64 : LC_SEGMENT) && size >= (is64 ? 72 : 56)) {
                long vaddr = is64 ? f.u64(at + 24) : f.u32(at + 24);
                long memSize = is64 ? f.u64(at + 32) : f.u32(at + 28);
                long offset = is64 ? f.u64(at + 40) : f.u32(at + 32);
                long fileSize = is64 ? f.u64(at + 48) : f.u32(at + 36);
                long initProt = f.u32(at + (is64 ? 60 : 44));
                // __PAGEZERO maps nothing from the file; Go skips it too
                if (fileSize > 0 && offset >= 0) out.add(new Segment(vaddr, offset, fileSize, memSize, (initProt & VM_PROT_WRITE) != 0));
            }
            at += (int) size;
        }
        return new SegmentMap(goBuildIdSeen, out);
    }

    /**
     * The sections of the PE file whose first {@code len} bytes are {@code b} (the section table
     * follows the headers), at image base + virtual address as {@code debug/buildinfo}'s
     * {@code peExe.ReadData} maps them; null when it is not PE or is cut short.
     */
    static SegmentMap pe(byte[] b, int len, boolean goBuildIdSeen) {
        if (len < 0x40 || b[0] != 'M' || b[1] != 'Z') return null;
        Fields f = new Fields(b, false);
        long pe = f.u32(0x3c);
        if (pe + 24 > len || f.u32((int) pe) != 0x4550) return null; // "PE\0\0"
        int coff = (int) pe + 4;
        int sections = f.u16(coff + 2);
        int optional = coff + 20;
        int optionalSize = f.u16(coff + 16);
        if (optional + optionalSize > len || optionalSize < 32) return null;
        int kind = f.u16(optional);
        long imageBase = kind == 0x20b ? f.u64(optional + 24) : kind == 0x10b ? f.u32(optional + 28) : -1;
        if (imageBase < 0) return null;
        List<Segment> out = new ArrayList<>();
        for (int i = 0, at = optional + optionalSize; i < Math.min(sections, MAX_HEADERS); i++, at += 40) {
            if (at + 40 > len) return null;
            long virtualSize = f.u32(at + 8);
            long rawSize = f.u32(at + 16);
            boolean writable = (f.u32(at + 36) & IMAGE_SCN_MEM_WRITE) != 0;
            out.add(new Segment(imageBase + f.u32(at + 12), f.u32(at + 20), rawSize, Math.max(virtualSize, rawSize), writable));
        }
        return new SegmentMap(goBuildIdSeen, out);
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
