package io.spyglass.server.registry;

import io.javalin.http.Context;
import io.spyglass.image.Digest;
import io.spyglass.server.hub.Action;
import io.spyglass.server.hub.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.HttpOutput;

/** {@code HEAD/GET/DELETE /v2/<name>/blobs/<digest>}, with single byte ranges. */
final class BlobHandler {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private final RegistryServices s;

    BlobHandler(RegistryServices s) {
        this.s = s;
    }

    void head(Context ctx, Route.Match m) throws Exception {
        serve(ctx, m, false);
    }

    void get(Context ctx, Route.Match m) throws Exception {
        serve(ctx, m, true);
    }

    private void serve(Context ctx, Route.Match m, boolean body) throws Exception {
        Repository repo = s.existing(ctx, m.name(), Action.PULL);
        Digest digest = RegistryServices.digest(m.last());
        long size = s.blobIndex.sizeIn(repo.id(), digest.toString())
                .orElseThrow(() -> new RegistryException(OciErrorCode.BLOB_UNKNOWN, "blob " + digest + " is not in " + repo.fullName()));
        long start = 0;
        long end = size - 1;
        String range = ctx.header("Range");
        if (range != null) {
            ctx.header("Content-Range", "bytes */" + size); // RFC 9110: a 416 says how long the blob is
            long[] r = parseRange(range, size);
            start = r[0];
            end = r[1];
            ctx.status(206).header("Content-Range", "bytes " + start + "-" + end + "/" + size);
        }
        ctx.header("Docker-Content-Digest", digest.toString())
                .header("ETag", "\"" + digest + "\"")
                .header("Accept-Ranges", "bytes")
                .header("Cache-Control", "max-age=31536000")
                .contentType("application/octet-stream");
        long length = end - start + 1;
        ctx.res().setContentLengthLong(length);
        if (!body || length == 0) return;
        OutputStream out = ctx.res().getOutputStream();
        // why: a blob GET was read into a heap buffer and copied again into Jetty's output buffer;
        // a file mapped and handed to Jetty whole goes from the page cache to the socket (one kernel
        // copy, no heap), as distribution's http.ServeContent does with sendfile. Other stores stream.
        Optional<Path> file = s.blobs.localFile(digest);
        if (file.isPresent() && out instanceof HttpOutput jetty) {
            sendMapped(jetty, file.get(), start, length);
            return;
        }
        try (InputStream in = s.blobs.open(digest, start)) {
            byte[] buf = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) throw new IOException("blob " + digest + " ended early in the store");
                out.write(buf, 0, n);
                left -= n;
            }
            out.flush();
        }
    }

    /** Mapped windows of at most this many bytes: bounded address space per request, few round trips. */
    private static final long WINDOW = 64L * 1024 * 1024;

    private static void sendMapped(HttpOutput out, Path file, long start, long length)
            throws IOException {
        FileChannel opened;
        try {
            opened = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) { // collected meanwhile
            throw new RegistryException(OciErrorCode.BLOB_UNKNOWN, "blob " + file.getParent().getFileName() + " is not in the store");
        }
        try (FileChannel ch = opened) {
            if (ch.size() < start + length) throw new IOException("blob " + file.getFileName() + " is shorter in the store than recorded");
            long pos = start;
            long end = start + length;
            while (pos < end) {
                long n = Math.min(WINDOW, end - pos);
                MappedByteBuffer window = ch.map(FileChannel.MapMode.READ_ONLY, pos, n);
                out.write(window); // blocking; Jetty writes a buffer this large straight to the socket
                pos += n;
            }
        }
    }

    /** One range {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}; anything else or unsatisfiable is a 416. */
    static long[] parseRange(String header, long size) {
        Matcher m = RANGE.matcher(header.trim());
        RegistryException bad = new RegistryException(OciErrorCode.RANGE_INVALID, "range '" + RepositoryName.abbreviate(header)
                + "' cannot be served from a blob of " + size + " bytes (want bytes=START-END)");
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) throw bad;
        try {
            long start;
            long end;
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0) throw bad;
                start = Math.max(0, size - suffix);
                end = size - 1;
            } else {
                start = Long.parseLong(m.group(1));
                end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            }
            if (start > end || start >= size) throw bad;
            return new long[] {start, end};
        } catch (NumberFormatException e) {
            throw bad;
        }
    }

    void delete(Context ctx, Route.Match m) {
        Repository repo = s.existing(ctx, m.name(), Action.DELETE);
        Digest digest = RegistryServices.digest(m.last());
        if (!s.blobIndex.unlink(repo.id(), digest.toString())) {
            throw new RegistryException(OciErrorCode.BLOB_UNKNOWN, "blob " + digest + " is not in " + repo.fullName());
        }
        ctx.status(202).header("Docker-Content-Digest", digest.toString());
    }
}
