package io.spyglass.catalog.rpm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;

/**
 * rpm's classic {@code Packages} file: a Berkeley DB hash database (rpm up to 4.15), in the byte
 * order of the machine that wrote it. Read as go-rpmdb does, after libdb's {@code db_page.h}:
 * page 0 is the hash metadata page; every hash page (type 13, or 2 on RHEL 5) holds key/value
 * item offsets in pairs; a value of type H_OFFPAGE (3) names the first overflow page (type 7) of
 * a chain that holds one header blob, {@code hf_offset} bytes of it on each page.
 */
final class BerkeleyHashDb implements HeaderBlobs {
    static final int HASH_MAGIC = 0x061561;
    private static final Set<Integer> PAGE_SIZES = Set.of(512, 1024, 2048, 4096, 8192, 16384, 32768, 65536);
    private static final int PAGE_HEADER = 26;
    private static final int HASH_META = 8;
    private static final int HASH_UNSORTED = 2;
    private static final int HASH = 13;
    private static final int OVERFLOW = 7;
    private static final int H_OFFPAGE = 3;
    private static final int OFFPAGE_SIZE = 12;

    /** The byte order of a BerkeleyDB hash database from its first bytes, or null when it is not one. */
    static ByteOrder byteOrder(byte[] head) {
        if (head.length < 16) return null;
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            if (ByteBuffer.wrap(head).order(order).getInt(12) == HASH_MAGIC) return order;
        }
        return null;
    }

    @Override
    public void read(SpooledFile db, Sink sink) throws IOException, CorruptRpmDbException {
        if (db.size() < 512) throw new CorruptRpmDbException("BerkeleyDB file shorter than its metadata page");
        byte[] metaBytes = db.read(0, 512);
        ByteOrder order = byteOrder(metaBytes);
        if (order == null) throw new CorruptRpmDbException("not a BerkeleyDB hash database (bad magic)");
        ByteBuffer meta = ByteBuffer.wrap(metaBytes).order(order);
        int pageSize = meta.getInt(20);
        if (!PAGE_SIZES.contains(pageSize)) throw new CorruptRpmDbException("BerkeleyDB page size " + pageSize + " is not valid");
        if (meta.get(24) != 0) throw new CorruptRpmDbException("BerkeleyDB database is encrypted");
        if (meta.get(25) != HASH_META) throw new CorruptRpmDbException("BerkeleyDB page 0 is not a hash metadata page");
        long lastPage = Integer.toUnsignedLong(meta.getInt(32));
        long pagesPresent = db.size() / pageSize;
        Pages pages = new Pages(db, order, pageSize, Math.min(lastPage + 1, pagesPresent));
        for (long p = 1; p < pages.count; p++) {
            readHashPage(pages, pages.page(p), sink);
        }
        if (lastPage + 1 > pagesPresent) {
            throw new CorruptRpmDbException("BerkeleyDB file is truncated: " + pagesPresent + " of " + (lastPage + 1) + " pages");
        }
    }

    private static void readHashPage(Pages pages, ByteBuffer page, Sink sink) throws IOException, CorruptRpmDbException {
        int type = page.get(25);
        if (type != HASH && type != HASH_UNSORTED) return;
        int entries = Short.toUnsignedInt(page.getShort(20));
        if (entries % 2 != 0 || PAGE_HEADER + 2 * entries > pages.size) {
            throw new CorruptRpmDbException("BerkeleyDB hash page " + page.getInt(8) + " has a bad entry count " + entries);
        }
        for (int i = 1; i < entries; i += 2) { // keys at even indexes, values at odd ones
            int offset = Short.toUnsignedInt(page.getShort(PAGE_HEADER + 2 * i));
            if (offset >= pages.size) throw itemPastEnd(page);
            if (page.get(offset) != H_OFFPAGE) continue; // small inline values (rpm's key-0 counter) are no headers
            if (offset + OFFPAGE_SIZE > pages.size) throw itemPastEnd(page);
            long first = Integer.toUnsignedLong(page.getInt(offset + 4));
            long length = Integer.toUnsignedLong(page.getInt(offset + 8));
            sink.accept(overflowChain(pages, first, length));
        }
    }

    private static CorruptRpmDbException itemPastEnd(ByteBuffer page) {
        return new CorruptRpmDbException("BerkeleyDB hash page " + Integer.toUnsignedLong(page.getInt(8)) + " has an item past its end");
    }

    private static byte[] overflowChain(Pages pages, long first, long length) throws IOException, CorruptRpmDbException {
        if (length > MAX_BLOB) throw new CorruptRpmDbException("BerkeleyDB item of " + length + " bytes is too large");
        byte[] out = new byte[(int) length];
        int filled = 0;
        long next = first;
        for (long hops = 0; filled < out.length; hops++) {
            if (next == 0 || next >= pages.count || hops >= pages.count) {
                throw new CorruptRpmDbException("BerkeleyDB overflow chain from page " + first + " is broken at page " + next);
            }
            ByteBuffer page = pages.page(next);
            if (page.get(25) != OVERFLOW) throw new CorruptRpmDbException("BerkeleyDB page " + next + " is not an overflow page");
            int onPage = Short.toUnsignedInt(page.getShort(22)); // hf_offset: bytes used on an overflow page
            if (onPage > pages.size - PAGE_HEADER) throw new CorruptRpmDbException("BerkeleyDB overflow page " + next + " claims " + onPage + " bytes");
            int n = Math.min(onPage, out.length - filled);
            page.get(PAGE_HEADER, out, filled, n);
            filled += n;
            next = Integer.toUnsignedLong(page.getInt(16));
        }
        return out;
    }

    private record Pages(SpooledFile db, ByteOrder order, int size, long count) {
        ByteBuffer page(long number) throws IOException, CorruptRpmDbException {
            return ByteBuffer.wrap(db.read(number * size, size)).order(order);
        }
    }
}
