package io.spyglass.catalog.rpm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * rpm's NDB backend ({@code Packages.db}, SUSE), little-endian, after rpm's {@code rpmpkg.c}
 * and go-rpmdb: a 32-byte header ({@code RpmP} magic, version 0, slot page count), then slot
 * pages of 16-byte slots ({@code Slot} magic, package index, block offset, block count); each used
 * slot points (in 16-byte blocks) at a blob header ({@code BlbS} magic, package index, checksum,
 * length) followed by the header blob.
 */
final class NdbPackagesDb implements HeaderBlobs {
    static final int HEADER_MAGIC = 'R' | 'p' << 8 | 'm' << 16 | 'P' << 24;
    private static final int SLOT_MAGIC = 'S' | 'l' << 8 | 'o' << 16 | 't' << 24;
    private static final int BLOB_MAGIC = 'B' | 'l' << 8 | 'b' << 16 | 'S' << 24;
    private static final int PAGE = 4096;
    private static final int SLOT = 16;
    private static final int BLOCK = 16;
    /** go-rpmdb's bound: 2048 slot pages are over half a million packages. */
    private static final int MAX_SLOT_PAGES = 2048;

    static boolean matches(byte[] head) {
        return head.length >= 4 && ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == HEADER_MAGIC;
    }

    @Override
    public void read(SpooledFile db, Sink sink) throws IOException, CorruptRpmDbException {
        ByteBuffer header = le(db.read(0, 32));
        if (header.getInt(0) != HEADER_MAGIC) throw new CorruptRpmDbException("not an NDB database (bad magic)");
        if (header.getInt(4) != 0) throw new CorruptRpmDbException("NDB version " + header.getInt(4) + " is not supported");
        int slotPages = header.getInt(12);
        if (slotPages <= 0 || slotPages > MAX_SLOT_PAGES) throw new CorruptRpmDbException("NDB slot page count " + slotPages + " is not plausible");
        for (int p = 0; p < slotPages; p++) {
            ByteBuffer page = le(db.read((long) p * PAGE, PAGE));
            for (int s = p == 0 ? 2 : 0; s < PAGE / SLOT; s++) { // the first two slots hold the file header
                readSlot(db, page, s * SLOT, sink);
            }
        }
    }

    private static void readSlot(SpooledFile db, ByteBuffer page, int at, Sink sink) throws IOException, CorruptRpmDbException {
        if (page.getInt(at) != SLOT_MAGIC) throw new CorruptRpmDbException("NDB slot with bad magic");
        int pkgIndex = page.getInt(at + 4);
        if (pkgIndex == 0) return; // free slot
        long blockOffset = Integer.toUnsignedLong(page.getInt(at + 8));
        long blockCount = Integer.toUnsignedLong(page.getInt(at + 12));
        ByteBuffer blobHeader = le(db.read(blockOffset * BLOCK, 16));
        if (blobHeader.getInt(0) != BLOB_MAGIC) throw new CorruptRpmDbException("NDB blob of package " + pkgIndex + " has bad magic");
        if (blobHeader.getInt(4) != pkgIndex) throw new CorruptRpmDbException("NDB blob does not belong to package " + pkgIndex);
        long length = Integer.toUnsignedLong(blobHeader.getInt(12));
        if (length > MAX_BLOB || length > blockCount * BLOCK - 16) {
            throw new CorruptRpmDbException("NDB blob of package " + pkgIndex + " claims " + length + " bytes");
        }
        sink.accept(db.read(blockOffset * BLOCK + 16, (int) length));
    }

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
