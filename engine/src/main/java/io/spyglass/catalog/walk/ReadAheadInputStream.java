package io.spyglass.catalog.walk;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads (and so decompresses) a layer on its own thread, a few chunks ahead of the tar reader and
 * the catalogers: on two cores, inflating and cataloguing overlap. Memory stays bounded by
 * about {@code 2 × chunks × chunkSize} (the chunks queued and as many spare ones). A failure of the source reaches the reader at the same position, so
 * the entries before it are kept exactly as without read-ahead.
 */
final class ReadAheadInputStream extends InputStream {
    private static final byte[] END = new byte[0];

    private final BlockingQueue<Object> queue;
    // chunks the reader is done with, refilled by the producer: a 1 GB layer is ~4,000 chunks, and
    // allocating each anew cost the serial collector a young collection every few chunks
    private final BlockingQueue<byte[]> spare;
    private final int chunkSize;
    private final Thread producer;
    private volatile boolean closed;
    private byte[] current = new byte[0];
    private int pos;
    private IOException failure;
    private boolean ended;

    ReadAheadInputStream(InputStream source, int chunkSize, int chunks, String name) {
        this.queue = new ArrayBlockingQueue<>(chunks);
        this.spare = new ArrayBlockingQueue<>(chunks + 2);
        this.chunkSize = chunkSize;
        this.producer = new Thread(() -> produce(source, chunkSize), name);
        producer.setDaemon(true);
        producer.start();
    }

    private void produce(InputStream source, int chunkSize) {
        try (source) {
            while (!closed) {
                byte[] buf = spare.poll();
                if (buf == null) buf = new byte[chunkSize];
                int n = 0;
                boolean end = false;
                IOException failed = null;
                try {
                    while (n < chunkSize) {
                        int r = source.read(buf, n, chunkSize - n);
                        if (r < 0) {
                            end = true;
                            break;
                        }
                        n += r;
                    }
                } catch (IOException e) {
                    failed = e; // after the bytes read before it, as without read-ahead (a digest check fails at the end)
                }
                if (n > 0) queue.put(n == chunkSize ? buf : Arrays.copyOf(buf, n));
                if (failed != null) throw failed;
                if (end) break;
            }
            queue.put(END);
        } catch (IOException | RuntimeException e) {
            offer(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void offer(Exception e) {
        try {
            queue.put(e);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean fill() throws IOException {
        if (failure != null) throw failure;
        if (ended) return false;
        while (pos >= current.length) {
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading a layer");
            }
            if (next == END) {
                ended = true;
                return false;
            }
            if (next instanceof IOException io) {
                failure = io;
                throw io;
            }
            if (next instanceof RuntimeException re) {
                failure = new IOException(re.getMessage(), re);
                throw failure;
            }
            if (current.length == chunkSize) spare.offer(current); // a short (last) chunk is never reused
            current = (byte[]) next;
            pos = 0;
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? current[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!fill()) return -1;
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long done = 0;
        while (done < n && fill()) {
            int step = (int) Math.min(n - done, current.length - pos);
            pos += step;
            done += step;
        }
        return done;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        producer.interrupt();
        queue.clear();
        try {
            producer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
