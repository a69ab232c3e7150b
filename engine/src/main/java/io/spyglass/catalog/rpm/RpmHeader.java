package io.spyglass.catalog.rpm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The fields Spyglass needs from one rpm header blob, as the database stores it (no lead, no
 * 8-byte header magic): {@code il} and {@code dl} (big-endian int32), {@code il} 16-byte index
 * entries (tag, type, offset, count), then {@code dl} bytes of data.
 *
 * <p>Region tags (61-63) mark which entries were signed; their trailers are not needed to read the
 * values, so they are skipped. When a tag appears twice the later entry wins, as rpm's own import
 * lets "dribble" entries after the region override region entries.
 */
record RpmHeader(String name, String version, String release, Integer epoch, String arch,
                 String sourceRpm, String license) {

    static final int NAME = 1000;
    static final int VERSION = 1001;
    static final int RELEASE = 1002;
    static final int EPOCH = 1003;
    static final int LICENSE = 1014;
    static final int ARCH = 1022;
    static final int SOURCERPM = 1044;

    private static final int TYPE_INT32 = 4;
    private static final int TYPE_STRING = 6;
    private static final int TYPE_STRING_ARRAY = 8;
    private static final int TYPE_I18NSTRING = 9;
    /** rpm's own limits (hdrchk): at most 0xffff entries and 256 MB of data. */
    private static final int MAX_ENTRIES = 0xffff;
    private static final int MAX_DATA = 256 << 20;

    static RpmHeader parse(byte[] blob) throws CorruptRpmDbException {
        if (blob.length < 8) throw new CorruptRpmDbException("rpm header shorter than 8 bytes");
        ByteBuffer buf = ByteBuffer.wrap(blob); // big-endian, as rpm writes headers on every platform
        int il = buf.getInt(0);
        int dl = buf.getInt(4);
        if (il < 1 || il > MAX_ENTRIES || dl < 0 || dl > MAX_DATA) {
            throw new CorruptRpmDbException("rpm header has impossible sizes (" + il + " entries, " + dl + " data bytes)");
        }
        long dataStart = 8L + 16L * il;
        if (dataStart + dl > blob.length) {
            throw new CorruptRpmDbException("rpm header is truncated (" + blob.length + " bytes, needs " + (dataStart + dl) + ")");
        }
        Map<Integer, Object> values = new HashMap<>();
        for (int i = 0; i < il; i++) {
            int at = 8 + 16 * i;
            int tag = buf.getInt(at);
            int type = buf.getInt(at + 4);
            int offset = buf.getInt(at + 8);
            int count = buf.getInt(at + 12);
            if (!isWanted(tag)) continue;
            if (offset < 0 || offset >= dl || count < 1) {
                throw new CorruptRpmDbException("rpm header tag " + tag + " points outside the data (offset " + offset + ")");
            }
            values.put(tag, value(blob, (int) dataStart + offset, (int) dataStart + dl, type, tag));
        }
        return new RpmHeader(string(values, NAME), string(values, VERSION), string(values, RELEASE),
                values.get(EPOCH) instanceof Integer e ? e : null, string(values, ARCH),
                string(values, SOURCERPM), string(values, LICENSE));
    }

    private static boolean isWanted(int tag) {
        return tag == NAME || tag == VERSION || tag == RELEASE || tag == EPOCH || tag == LICENSE
                || tag == ARCH || tag == SOURCERPM;
    }

    private static Object value(byte[] blob, int start, int end, int type, int tag) throws CorruptRpmDbException {
        switch (type) {
            case TYPE_INT32:
                if (start + 4 > end) throw new CorruptRpmDbException("rpm header tag " + tag + ": int32 past the data");
                return ByteBuffer.wrap(blob).getInt(start);
            case TYPE_STRING, TYPE_STRING_ARRAY, TYPE_I18NSTRING:
                return cString(blob, start, end, tag);
            default:
                throw new CorruptRpmDbException("rpm header tag " + tag + " has unexpected type " + type);
        }
    }

    /** A NUL-terminated string (the first one, for arrays and translated strings). */
    private static String cString(byte[] blob, int start, int end, int tag) throws CorruptRpmDbException {
        for (int i = start; i < end; i++) {
            if (blob[i] == 0) return new String(blob, start, i - start, StandardCharsets.UTF_8);
        }
        throw new CorruptRpmDbException("rpm header tag " + tag + ": string not terminated inside the data");
    }

    private static String string(Map<Integer, Object> values, int tag) {
        return values.get(tag) instanceof String s && !s.isEmpty() ? s : null;
    }
}
