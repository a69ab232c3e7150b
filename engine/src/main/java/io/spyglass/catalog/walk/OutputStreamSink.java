package io.spyglass.catalog.walk;

import java.io.OutputStream;

/** Discards bytes; used to read a layer stream to its end. */
final class OutputStreamSink extends OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
}
