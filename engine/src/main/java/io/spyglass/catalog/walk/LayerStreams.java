package io.spyglass.catalog.walk;

import com.github.luben.zstd.ZstdInputStream;
import io.spyglass.image.MediaType;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Turns a layer blob into its uncompressed tar stream. The compression is taken from the magic
 * bytes, which win over the media type: {@code docker save} and some registries label layers
 * loosely, and a wrong guess would only produce a confusing tar error.
 */
final class LayerStreams {
    private static final int BUFFER = 1 << 16;

    private LayerStreams() {}

    /** Total decompressed bytes of the whole walk, shared by its layers (each inflated on its read-ahead thread). */
    static final class Budget {
        private final WalkLimits limits;
        private final java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();

        Budget(WalkLimits limits) {
            this.limits = limits;
        }
    }

    static InputStream open(InputStream blob, MediaType mediaType, Budget budget) throws IOException {
        Counting raw = new Counting(blob);
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        MediaType.Compression compression = sniff(in, mediaType);
        InputStream plain = switch (compression) {
            case GZIP -> new GZIPInputStream(in, BUFFER);
            case ZSTD -> new BufferedInputStream(new ZstdInputStream(in), BUFFER);
            case NONE -> in;
        };
        return new Limited(plain, in, raw, budget, compression != MediaType.Compression.NONE);
    }

    private static MediaType.Compression sniff(BufferedInputStream in, MediaType mediaType) throws IOException {
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) return MediaType.Compression.GZIP;
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) return MediaType.Compression.ZSTD;
        if (magic.length == 0) throw new IOException("layer blob is empty");
        // no known magic: a plain tar, whatever the media type claims (a tar header starts with a file name)
        return mediaType.layerCompression() == MediaType.Compression.NONE ? MediaType.Compression.NONE : plainOrFail(mediaType);
    }

    private static MediaType.Compression plainOrFail(MediaType mediaType) throws IOException {
        throw new IOException("layer is not " + mediaType.layerCompression().name().toLowerCase()
                + " as its media type " + mediaType + " says (no magic bytes), and not a known compression");
    }

    /** Counts the compressed bytes consumed, for the ratio check. */
    static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }

    /** Enforces the total and ratio bounds on the decompressed stream. */
    private static final class Limited extends FilterInputStream {
        private final InputStream blob;
        private final Counting raw;
        private final Budget budget;
        private final boolean compressed;
        private long produced;
        private boolean drained;

        Limited(InputStream in, InputStream blob, Counting raw, Budget budget, boolean compressed) {
            super(in);
            this.blob = blob;
            this.raw = raw;
            this.budget = budget;
            this.compressed = compressed;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) account(n);
            if (n < 0) drainBlob();
            return n;
        }

        /**
         * A decompressor stops at its own end marker; the blob is read to its real end so that a
         * digesting source (registry) checks the whole content, and trailing bytes are counted.
         */
        private void drainBlob() throws IOException {
            if (drained || !compressed) return;
            drained = true;
            blob.transferTo(OutputStreamSink.INSTANCE);
        }

        @Override
        public long skip(long n) throws IOException {
            // skip through read so that skipped bytes are bounded too
            byte[] buf = new byte[(int) Math.min(n, BUFFER)];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) break;
                done += r;
            }
            return done;
        }

        private void account(int n) throws DecompressionLimitException {
            produced += n;
            long total = budget.total.addAndGet(n);
            WalkLimits limits = budget.limits;
            if (total > limits.maxTotalBytes()) {
                throw new DecompressionLimitException("decompressed size exceeds the limit of "
                        + limits.maxTotalBytes() + " bytes for the image");
            }
            if (compressed && produced > limits.ratioFloorBytes() && produced > limits.maxRatio() * raw.count) {
                throw new DecompressionLimitException(String.format(
                        "decompression ratio %.0f:1 (%d bytes from %d) exceeds the limit of %.0f:1 (decompression bomb?)",
                        (double) produced / Math.max(1, raw.count), produced, raw.count, limits.maxRatio()));
            }
        }
    }
}
