package io.spyglass.image.source;

import io.spyglass.image.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hashes a blob as it is read and fails at its end when the content does not match its digest. */
final class DigestingInputStream extends FilterInputStream {
    private final Digest expected;
    private final MessageDigest md;
    private boolean checked;

    DigestingInputStream(InputStream in, Digest expected) {
        super(in);
        this.expected = expected;
        try {
            this.md = MessageDigest.getInstance(expected.jcaName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) check();
        else md.update((byte) b);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) check();
        else md.update(b, off, n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[8192];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) break;
            done += r;
        }
        return done;
    }

    private void check() throws IOException {
        if (checked) return;
        checked = true;
        String actual = HexFormat.of().formatHex(md.digest());
        if (!actual.equals(expected.hex())) {
            throw new BlobDigestMismatchException("blob content does not match its digest " + expected + " (got " + expected.algorithm() + ":" + actual + ")");
        }
    }
}
