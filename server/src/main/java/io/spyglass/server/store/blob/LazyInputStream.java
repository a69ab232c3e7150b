package io.spyglass.server.store.blob;

import java.io.IOException;
import java.io.InputStream;

/** Opens its source on first read, so a concatenation of many objects keeps one response open. */
final class LazyInputStream extends InputStream {
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    private final Opener opener;
    private InputStream in;

    LazyInputStream(Opener opener) {
        this.opener = opener;
    }

    private InputStream in() throws IOException {
        if (in == null) in = opener.open();
        return in;
    }

    @Override
    public int read() throws IOException {
        return in().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return in().read(b, off, len);
    }

    @Override
    public void close() throws IOException {
        if (in != null) in.close();
    }
}
