package io.spyglass.server.store.blob;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StorageDriver} must do, after distribution's
 * {@code registry/storage/driver/testsuites}. A driver test extends this and says how to make a
 * fresh, empty driver and how to reopen the same storage (a server restart).
 */
public abstract class StorageDriverContract {
    static final int MIB = 1024 * 1024;

    protected StorageDriver driver;

    /** A driver over fresh, empty storage. */
    protected abstract StorageDriver newDriver() throws Exception;

    /** A new driver instance over the same storage as the last {@link #newDriver()}, as after a restart. */
    protected abstract StorageDriver reopen() throws Exception;

    @BeforeEach
    void freshDriver() throws Exception {
        driver = newDriver();
    }

    @Test
    void writtenContentIsReadBackWholeAndFromAnOffset() throws IOException {
        put("repos/a/data", "hello world");

        assertThat(read("repos/a/data", 0)).isEqualTo("hello world");
        assertThat(read("repos/a/data", 6)).isEqualTo("world");
        assertThat(read("repos/a/data", 11)).isEmpty();
        assertThat(driver.size("repos/a/data")).isEqualTo(11);
        assertThat(driver.exists("repos/a/data")).isTrue();
    }

    @Test
    void nothingIsVisibleBeforeCommit() throws IOException {
        try (StorageDriver.FileWriter w = driver.writer("up/1/data", false)) {
            w.stream().write("partial".getBytes(UTF_8));
            assertThat(w.size()).isEqualTo(7);
            assertThat(driver.exists("up/1/data")).isFalse();
            w.commit();
        }
        assertThat(read("up/1/data", 0)).isEqualTo("partial");
    }

    @Test
    void aCancelledOrAbandonedWriterLeavesNothing() throws IOException {
        try (StorageDriver.FileWriter w = driver.writer("up/2/data", false)) {
            w.stream().write(new byte[6 * MIB]);
            w.cancel();
        }
        try (StorageDriver.FileWriter w = driver.writer("up/3/data", true)) {
            w.stream().write("never committed".getBytes(UTF_8));
        }
        assertThat(driver.exists("up/2/data")).isFalse();
        assertThat(driver.exists("up/3/data")).isFalse();
        // a folder store may keep the empty folders; nothing may be in them
        for (String folder : driver.list("up")) assertThat(driver.list(folder)).as(folder).isEmpty();
    }

    @Test
    void aCancelledAppendKeepsTheCommittedContent() throws IOException {
        put("up/4/data", "kept");
        try (StorageDriver.FileWriter w = driver.writer("up/4/data", true)) {
            w.stream().write("dropped".getBytes(UTF_8));
            w.cancel();
        }
        assertThat(read("up/4/data", 0)).isEqualTo("kept");
        assertThat(driver.size("up/4/data")).isEqualTo(4);
    }

    @Test
    void appendsContinueTheCommittedContentAlsoAfterARestart() throws Exception {
        put("up/5/data", "abc");
        append("up/5/data", "def");
        driver = reopen();
        try (StorageDriver.FileWriter w = driver.writer("up/5/data", true)) {
            assertThat(w.size()).isEqualTo(6);
            w.stream().write("gh".getBytes(UTF_8));
            assertThat(w.size()).isEqualTo(8);
            w.commit();
        }
        assertThat(read("up/5/data", 0)).isEqualTo("abcdefgh");
        assertThat(read("up/5/data", 4)).isEqualTo("efgh");
        assertThat(read("up/5/data", 6)).isEqualTo("gh");
        assertThat(driver.size("up/5/data")).isEqualTo(8);
        assertThat(driver.list("up/5")).containsExactly("up/5/data");
    }

    @Test
    void appendingToAMissingPathStartsEmptyAndAnEmptyCommitExists() throws IOException {
        append("up/6/data", "");
        assertThat(driver.exists("up/6/data")).isTrue();
        assertThat(driver.size("up/6/data")).isZero();
        assertThat(read("up/6/data", 0)).isEmpty();
        append("up/6/data", "x");
        append("up/6/data", "yz");
        assertThat(read("up/6/data", 0)).isEqualTo("xyz");
    }

    @Test
    void writingWithoutAppendReplacesEverything() throws IOException {
        append("up/7/data", "first");
        append("up/7/data", "second");
        put("up/7/data", "new");
        assertThat(read("up/7/data", 0)).isEqualTo("new");
        assertThat(driver.size("up/7/data")).isEqualTo(3);
    }

    @Test
    void moveMakesTheContentVisibleAtTheDestinationOnly() throws IOException {
        append("uploads/u1/data", "chunk one,");
        append("uploads/u1/data", "chunk two");
        put("blobs/sha256/ab/abcd/data", "old content");

        driver.move("uploads/u1/data", "blobs/sha256/ab/abcd/data");

        assertThat(read("blobs/sha256/ab/abcd/data", 0)).isEqualTo("chunk one,chunk two");
        assertThat(driver.size("blobs/sha256/ab/abcd/data")).isEqualTo(19);
        assertThat(driver.exists("uploads/u1/data")).isFalse();
        put("x/whole", "whole object");
        driver.move("x/whole", "y/moved");
        assertThat(read("y/moved", 0)).isEqualTo("whole object");
        assertThat(driver.exists("x/whole")).isFalse();
    }

    @Test
    void movingOrReadingAMissingPathIsPathNotFound() {
        assertThatThrownBy(() -> driver.move("nope/a", "nope/b")).isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> driver.reader("nope/a", 0)).isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> driver.size("nope/a")).isInstanceOf(PathNotFoundException.class);
    }

    @Test
    void deleteRemovesAPathAndEverythingUnderItButNotItsNeighbours() throws IOException {
        put("uploads/u2/data", "a");
        append("uploads/u2/startedat", "b");
        put("uploads/u2/hashstates/sha256/0", "c");
        put("uploads/u20/data", "neighbour");

        driver.delete("uploads/u2");
        driver.delete("uploads/never-there");

        assertThat(driver.exists("uploads/u2/data")).isFalse();
        assertThat(driver.exists("uploads/u2/startedat")).isFalse();
        assertThat(driver.exists("uploads/u2/hashstates/sha256/0")).isFalse();
        assertThat(read("uploads/u20/data", 0)).isEqualTo("neighbour");
        assertThat(driver.list("uploads")).containsExactly("uploads/u20");
    }

    @Test
    void listGivesTheDirectChildrenSorted() throws IOException {
        put("repos/lib/b/tags/v2", "1");
        put("repos/lib/b/tags/v1", "2");
        append("repos/lib/b/tags/v3", "3");
        put("repos/lib/b/tags/dir/deep", "4");
        put("repos/lib/a/tags/v1", "5");

        assertThat(driver.list("repos/lib/b/tags"))
                .containsExactly("repos/lib/b/tags/dir", "repos/lib/b/tags/v1", "repos/lib/b/tags/v2", "repos/lib/b/tags/v3");
        assertThat(driver.list("repos/lib")).containsExactly("repos/lib/a", "repos/lib/b");
        assertThat(driver.list("")).containsExactly("repos");
        assertThat(driver.list("missing")).isEmpty();
    }

    @Test
    void largeContentIsStreamedNotHeldInMemory() throws IOException {
        long size = 64L * MIB + 12345;
        String written;
        long heapMidWrite;
        long heapBefore = usedHeapAfterGc();
        try (StorageDriver.FileWriter w = driver.writer("big/data", false);
                InputStream in = new DigestInputStream(new SeededStream(42, size), sha256())) {
            copy(in, w.stream(), size - 8 * MIB);
            heapMidWrite = usedHeapAfterGc();
            in.transferTo(w.stream());
            assertThat(w.size()).isEqualTo(size);
            w.commit();
            written = hex(((DigestInputStream) in).getMessageDigest());
        }
        // a driver that buffered the blob would hold ~56 MiB here; one part buffer is ~5 MiB
        assertThat(heapMidWrite - heapBefore).as("heap growth while writing 64 MiB").isLessThan(24L * MIB);

        driver.move("big/data", "big/moved");
        assertThat(driver.size("big/moved")).isEqualTo(size);
        assertThat(sha256Of(driver.reader("big/moved", 0))).isEqualTo(written);
        try (InputStream tail = driver.reader("big/moved", size - 5)) {
            assertThat(tail.readAllBytes()).hasSize(5);
        }
    }

    @Test
    void concurrentWritersToDifferentPathsDoNotMix() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> digests = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                Callable<String> job = () -> {
                    long size = (n + 1) * MIB + n * 777L;
                    try (StorageDriver.FileWriter w = driver.writer("conc/" + n + "/data", n % 2 == 0);
                            InputStream in = new SeededStream(n, size)) {
                        in.transferTo(w.stream());
                        w.commit();
                    }
                    return sha256Of(new SeededStream(n, size));
                };
                digests.add(pool.submit(job));
            }
            for (int i = 0; i < 6; i++) {
                String expected = digests.get(i).get();
                assertThat(sha256Of(driver.reader("conc/" + i + "/data", 0))).as("path " + i).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    protected void put(String path, String content) throws IOException {
        write(path, content, false);
    }

    protected void append(String path, String content) throws IOException {
        write(path, content, true);
    }

    private void write(String path, String content, boolean append) throws IOException {
        try (StorageDriver.FileWriter w = driver.writer(path, append)) {
            w.stream().write(content.getBytes(UTF_8));
            w.commit();
        }
    }

    protected String read(String path, long offset) throws IOException {
        try (InputStream in = driver.reader(path, offset)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[64 * 1024];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) throw new IOException("source ended early");
            out.write(buf, 0, r);
            n -= r;
        }
    }

    static String sha256Of(InputStream stream) throws IOException {
        try (InputStream in = new DigestInputStream(stream, sha256())) {
            in.transferTo(OutputStream.nullOutputStream());
            return hex(((DigestInputStream) in).getMessageDigest());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(MessageDigest d) {
        return HexFormat.of().formatHex(d.digest());
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Deterministic pseudo-random bytes, generated on the fly: a large blob that is never in memory. */
    static final class SeededStream extends InputStream {
        private final SplittableRandom random;
        private long remaining;

        SeededStream(long seed, long size) {
            this.random = new SplittableRandom(seed);
            this.remaining = size;
        }

        @Override
        public int read() {
            if (remaining == 0) return -1;
            remaining--;
            return random.nextInt(256);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) return -1;
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i++) b[off + i] = (byte) random.nextInt(256);
            remaining -= n;
            return n;
        }
    }
}
