package io.spyglass.image.source;

import io.spyglass.image.Descriptor;
import io.spyglass.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Manifests, indexes and configs: read whole (they are small), size-bounded and digest-checked. */
final class SmallBlobs {
    /** Far above any real manifest or config; protects the heap from a hostile source. */
    static final int MAX_BYTES = 8 << 20;

    private SmallBlobs() {}

    static byte[] read(InputStream in, String what) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) throw new ImageSourceException(what + " is larger than " + MAX_BYTES + " bytes");
        return bytes;
    }

    /** Reads and checks the content against its descriptor's digest and size. */
    static byte[] readVerified(InputStream in, Descriptor d, String what) throws IOException {
        if (d.size() > MAX_BYTES) throw new ImageSourceException(what + " " + d.digest() + " is larger than " + MAX_BYTES + " bytes");
        byte[] bytes = read(in, what + " " + d.digest());
        verify(bytes, d.digest(), what);
        if (bytes.length != d.size()) {
            throw new ImageSourceException(what + " " + d.digest() + " is " + bytes.length + " bytes, its descriptor says " + d.size());
        }
        return bytes;
    }

    static void verify(byte[] bytes, Digest expected, String what) {
        Digest actual = digest(bytes, expected.algorithm());
        if (!actual.equals(expected)) {
            throw new ImageSourceException(what + " content does not match its digest: expected " + expected + ", got " + actual);
        }
    }

    static Digest digest(byte[] bytes, String algorithm) {
        try {
            String jca = algorithm.equals("sha512") ? "SHA-512" : "SHA-256";
            return new Digest(algorithm, HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
