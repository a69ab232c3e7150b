package io.spyglass.server.store.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link StorageDriver} over any S3-compatible object store (AWS, MinIO, Ceph, s3proxy), with
 * path-style addressing so a plain endpoint URL works.
 *
 * <p>S3 objects cannot be appended to, so a path's committed content has one of two shapes:
 * <pre>
 * &lt;prefix&gt;/&lt;path&gt;                       whole object: written in one go (writer without append)
 * &lt;prefix&gt;/&lt;path&gt;.parts/00000001          appended chunks, one object per committed append,
 * &lt;prefix&gt;/&lt;path&gt;.parts/00000002          read back concatenated in numeric order
 * </pre>
 * When the whole object exists it wins and any parts beside it are leftovers of an interrupted
 * write. Each append commits a new part object, so a chunked registry upload survives a restart
 * with no state in this process. Appending to a whole object first copies it server-side to part
 * 1 and deletes it only after the new part is committed, so readers see old or new, never half.
 * {@link #move} assembles parts into one object at the destination: server-side with
 * UploadPartCopy when every part but the last is at least 5 MiB (typical: docker and skopeo send
 * one big PATCH), otherwise by streaming the concatenation through a multipart upload.
 */
public final class S3StorageDriver implements StorageDriver {
    static final int PART_SIZE = 5 * 1024 * 1024;
    private static final String PARTS = ".parts/";
    private static final long MAX_COPY_SIZE = 5L * 1024 * 1024 * 1024;
    private static final long COPY_PART_SIZE = 512L * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String root;
    private final int partSize;
    private final S3Copier copier;

    S3StorageDriver(S3Client s3, S3Config config, int partSize, long maxCopySize, long copyPartSize) {
        this.s3 = s3;
        this.bucket = config.bucket();
        this.root = config.prefix().isEmpty() ? "" : config.prefix() + "/";
        this.partSize = partSize;
        this.copier = new S3Copier(s3, bucket, maxCopySize, copyPartSize);
    }

    /** Connects and checks that the bucket is reachable, so a wrong URL fails at start, clearly. */
    public static S3StorageDriver connect(S3Config config, AwsCredentialsProvider credentials) throws IOException {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(true)
                // S3-compatible stores differ in support for the SDK's newer default checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (config.endpoint() != null) builder.endpointOverride(config.endpoint());
        S3Client s3 = builder.build();
        try {
            s3.headBucket(r -> r.bucket(config.bucket()));
        } catch (SdkException e) {
            s3.close();
            URI where = config.endpoint() == null ? URI.create("https://s3." + config.region() + ".amazonaws.com") : config.endpoint();
            throw new IOException("S3 bucket '" + config.bucket() + "' is not reachable at " + where + ": " + e.getMessage(), e);
        }
        return new S3StorageDriver(s3, config, PART_SIZE, MAX_COPY_SIZE, COPY_PART_SIZE);
    }

    /** For tests that check what lies in the bucket. */
    S3Client client() {
        return s3;
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        if (offset < 0) throw new IllegalArgumentException("negative offset " + offset);
        String key = key(path);
        try {
            return s3.getObject(r -> r.bucket(bucket).key(key).range(offset == 0 ? null : "bytes=" + offset + "-"));
        } catch (S3Exception e) {
            if (e.statusCode() == 416) return atEnd(path, offset);
            if (e.statusCode() != 404) throw failed("read of " + path, e);
        } catch (SdkException e) {
            throw failed("read of " + path, e);
        }
        List<S3Object> parts = parts(key);
        if (parts.isEmpty()) throw new PathNotFoundException(path);
        return concatenation(parts, offset);
    }

    @Override
    public FileWriter writer(String path, boolean append) throws IOException {
        String key = key(path);
        if (!append) {
            return new Writer(new S3ObjectWriter(s3, bucket, key, partSize), 0, () -> deleteKeys(parts(key)));
        }
        Long whole = wholeSize(key);
        List<S3Object> parts = parts(key);
        if (whole == null) {
            long before = parts.stream().mapToLong(S3Object::size).sum();
            int next = parts.isEmpty() ? 1 : partNumber(parts.get(parts.size() - 1)) + 1;
            return new Writer(new S3ObjectWriter(s3, bucket, partKey(key, next), partSize), before, () -> {});
        }
        deleteKeys(parts);
        int next = 1;
        if (whole > 0) copier.copy(key, whole, partKey(key, next++));
        return new Writer(new S3ObjectWriter(s3, bucket, partKey(key, next), partSize), whole,
                () -> deleteAll(List.of(key)));
    }

    @Override
    public long size(String path) throws IOException {
        String key = key(path);
        Long whole = wholeSize(key);
        if (whole != null) return whole;
        List<S3Object> parts = parts(key);
        if (parts.isEmpty()) throw new PathNotFoundException(path);
        return parts.stream().mapToLong(S3Object::size).sum();
    }

    @Override
    public boolean exists(String path) throws IOException {
        String key = key(path);
        return wholeSize(key) != null || !parts(key).isEmpty();
    }

    @Override
    public void move(String from, String to) throws IOException {
        String src = key(from);
        String dst = key(to);
        if (src.equals(dst)) {
            if (!exists(from)) throw new PathNotFoundException(from);
            return;
        }
        Long whole = wholeSize(src);
        List<S3Object> parts = parts(src);
        if (whole != null) {
            copier.copy(src, whole, dst);
        } else if (parts.isEmpty()) {
            throw new PathNotFoundException(from);
        } else {
            assemble(parts, dst);
        }
        deleteKeys(parts(dst));
        List<String> gone = new ArrayList<>(keys(parts));
        gone.add(src);
        deleteAll(gone);
    }

    @Override
    public void delete(String path) throws IOException {
        String key = key(path);
        List<String> gone = new ArrayList<>(keys(listAll(key + "/")));
        gone.addAll(keys(listAll(key + PARTS)));
        gone.add(key);
        // deepest first: stores that keep objects as files (s3proxy's filesystem) list folders as
        // keys and cannot delete one that still has children
        gone.sort(java.util.Comparator.reverseOrder());
        deleteAll(gone);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        String base = prefix.isEmpty() ? "" : trimmed(prefix) + "/";
        String dir = base.isEmpty() ? root : key(base.substring(0, base.length() - 1)) + "/";
        TreeSet<String> names = new TreeSet<>();
        try {
            for (var page : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(dir).delimiter("/"))) {
                page.contents().forEach(o -> names.add(o.key().substring(dir.length())));
                page.commonPrefixes().forEach(p -> {
                    String name = p.prefix().substring(dir.length(), p.prefix().length() - 1);
                    names.add(name.endsWith(".parts") ? name.substring(0, name.length() - ".parts".length()) : name);
                });
            }
        } catch (SdkException e) {
            throw failed("list of " + prefix, e);
        }
        return names.stream().filter(n -> !n.isEmpty()).map(n -> base + n).toList();
    }

    private void assemble(List<S3Object> parts, String dst) throws IOException {
        if (parts.size() == 1) {
            copier.copy(parts.get(0).key(), parts.get(0).size(), dst);
            return;
        }
        List<S3Copier.Segment> plan = copier.plan(keys(parts), parts.stream().map(S3Object::size).toList());
        if (plan != null) {
            copier.compose(plan, dst);
            return;
        }
        S3ObjectWriter out = new S3ObjectWriter(s3, bucket, dst, partSize);
        try (InputStream in = concatenation(parts, 0)) {
            in.transferTo(out);
            out.commit();
        } finally {
            out.cancel();
        }
    }

    /** The parts read one after another from {@code offset}, each opened only when reached. */
    private InputStream concatenation(List<S3Object> parts, long offset) throws IOException {
        List<InputStream> lazy = new ArrayList<>();
        long skip = offset;
        for (S3Object part : parts) {
            if (skip >= part.size()) {
                skip -= part.size();
                continue;
            }
            long from = skip;
            skip = 0;
            lazy.add(new LazyInputStream(() -> {
                try {
                    return s3.getObject(r -> r.bucket(bucket).key(part.key()).range(from == 0 ? null : "bytes=" + from + "-"));
                } catch (SdkException e) {
                    throw failed("read of " + part.key(), e);
                }
            }));
        }
        if (skip > 0) throw new IOException("offset " + offset + " is beyond the end of the content");
        return new SequenceInputStream(Collections.enumeration(lazy.isEmpty() ? List.of(InputStream.nullInputStream()) : lazy));
    }

    private InputStream atEnd(String path, long offset) throws IOException {
        long size = size(path);
        if (offset == size) return InputStream.nullInputStream();
        throw new IOException("offset " + offset + " is beyond the end of " + path + " (" + size + " bytes)");
    }

    /** Size of the whole object at {@code key}, or null when there is none. */
    private Long wholeSize(String key) throws IOException {
        try {
            return s3.headObject(r -> r.bucket(bucket).key(key)).contentLength();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return null;
            throw failed("stat of " + key, e);
        } catch (SdkException e) {
            throw failed("stat of " + key, e);
        }
    }

    /** The committed parts of an appended path, in order. */
    private List<S3Object> parts(String key) throws IOException {
        List<S3Object> parts = new ArrayList<>(listAll(key + PARTS));
        parts.removeIf(o -> !o.key().substring(key.length() + PARTS.length()).matches("\\d+"));
        parts.sort((a, b) -> Integer.compare(partNumber(a), partNumber(b)));
        return parts;
    }

    private static int partNumber(S3Object part) {
        return Integer.parseInt(part.key().substring(part.key().lastIndexOf('/') + 1));
    }

    private static String partKey(String key, int number) {
        return key + PARTS + String.format("%08d", number);
    }

    private List<S3Object> listAll(String keyPrefix) throws IOException {
        try {
            List<S3Object> out = new ArrayList<>();
            s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(keyPrefix)).contents().forEach(out::add);
            return out;
        } catch (SdkException e) {
            throw failed("list of " + keyPrefix, e);
        }
    }

    private void deleteKeys(List<S3Object> objects) throws IOException {
        deleteAll(keys(objects));
    }

    private void deleteAll(List<String> keys) throws IOException {
        try {
            for (String key : keys) s3.deleteObject(r -> r.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failed("delete", e);
        }
    }

    private static List<String> keys(List<S3Object> objects) {
        return objects.stream().map(S3Object::key).toList();
    }

    private String key(String path) {
        String p = trimmed(path);
        if (p.isEmpty() || ("/" + p + "/").contains("/../") || ("/" + p + "/").contains("/./")
                || p.contains("//") || p.contains(".parts/") || p.endsWith(".parts")) {
            throw new IllegalArgumentException("invalid storage path: '" + path + "'");
        }
        return root + p;
    }

    private static String trimmed(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static IOException failed(String what, SdkException e) {
        return new IOException("S3 " + what + " failed: " + e.getMessage(), e);
    }

    /** Publishes on commit, then tidies what the new content replaced. */
    private record Writer(S3ObjectWriter out, long before, AfterCommit after) implements FileWriter {
        @Override
        public OutputStream stream() {
            return out;
        }

        @Override
        public long size() {
            return before + out.written();
        }

        @Override
        public void commit() throws IOException {
            out.commit();
            after.run();
        }

        @Override
        public void cancel() throws IOException {
            out.cancel();
        }

        /** An abandoned writer is a cancelled one: nothing becomes visible. */
        @Override
        public void close() throws IOException {
            if (!out.isDone()) out.cancel();
        }
    }

    @FunctionalInterface
    private interface AfterCommit {
        void run() throws IOException;
    }
}
