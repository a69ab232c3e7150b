package io.spyglass.server.store.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Copies a stream in fixed-size chunks, hashing as it goes; never holds more than one buffer. */
final class HashingCopy {
    // why 256 KiB, filled before each hash+write: a push's layer arrived in Jetty-sized pieces
    // (8 KiB), each one a digest update and a write(2) of its own; big chunks cut both by 30x
    private static final int BUFFER = 256 * 1024;

    private HashingCopy() {}

    /** Copies at most {@code limit} bytes (or all when negative); returns how many were copied. */
    static long copy(InputStream in, OutputStream out, MessageDigest md, long limit) throws IOException {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        while (limit < 0 || total < limit) {
            int want = limit < 0 ? buf.length : (int) Math.min(buf.length, limit - total);
            int n = in.readNBytes(buf, 0, want);
            if (n == 0) break; // want > 0, so 0 is the end of the stream
            if (md != null) md.update(buf, 0, n);
            if (out != null) out.write(buf, 0, n);
            total += n;
        }
        return total;
    }

    static MessageDigest digest(String jcaName) {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
