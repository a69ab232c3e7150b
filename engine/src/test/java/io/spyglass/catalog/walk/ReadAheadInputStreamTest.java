package io.spyglass.catalog.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The read-ahead must hand over exactly what its source gives, in order, and a failure of the
 * source only after the bytes read before it: a registry blob's digest check fails at its very
 * end, and a layer cut short keeps the entries before the cut.
 */
class ReadAheadInputStreamTest {
    @Test
    void passesTheBytesThroughUnchangedAcrossChunks() throws IOException {
        byte[] data = new byte[100_003];
        new Random(7).nextBytes(data);
        try (InputStream in = new ReadAheadInputStream(new ByteArrayInputStream(data), 4096, 3, "test-read-ahead")) {
            assertThat(in.readAllBytes()).isEqualTo(data);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aFailureAtTheEndArrivesAfterEveryByteBeforeIt() throws IOException {
        byte[] data = new byte[10_000]; // shorter than one chunk: the failure comes inside the first chunk's read
        new Random(8).nextBytes(data);
        InputStream failingAtEnd = new FailingAtEnd(data, new IOException("blob content does not match its digest"));
        try (InputStream in = new ReadAheadInputStream(failingAtEnd, 64 * 1024, 4, "test-read-ahead")) {
            byte[] got = in.readNBytes(data.length);
            assertThat(got).isEqualTo(data);
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("does not match its digest");
            assertThatThrownBy(in::read).as("the failure stays").hasMessageContaining("does not match its digest");
        }
    }

    @Test
    void theSameExceptionReachesTheReaderSoItsTypeStillSaysWhatFailed() throws IOException {
        IOException failure = new IOException("cut");
        try (InputStream in = new ReadAheadInputStream(new FailingAtEnd(new byte[300_000], failure), 4096, 2, "test-read-ahead")) {
            assertThat(in.readNBytes(300_000)).hasSize(300_000);
            assertThatThrownBy(in::read).isSameAs(failure);
        }
    }

    /** Gives its bytes in reads of at most 1,000, then throws instead of answering -1. */
    private static final class FailingAtEnd extends InputStream {
        private final byte[] data;
        private final IOException failure;
        private int pos;

        FailingAtEnd(byte[] data, IOException failure) {
            this.data = data;
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= data.length) throw failure;
            int n = Math.min(Math.min(len, 1000), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
