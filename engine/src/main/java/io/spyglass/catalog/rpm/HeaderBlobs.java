package io.spyglass.catalog.rpm;

import java.io.IOException;

/** One rpm database format: hands each stored header blob, in storage order, to a sink. */
interface HeaderBlobs {
    /** Largest header blob accepted (rpm's own limit is 256 MB; real headers are under 1 MB). */
    int MAX_BLOB = 64 << 20;

    void read(SpooledFile db, Sink sink) throws IOException, CorruptRpmDbException;

    @FunctionalInterface
    interface Sink {
        void accept(byte[] blob) throws CorruptRpmDbException;
    }
}
