package io.spyglass.server.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spyglass.server.testing.S3ProxyFixture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The contract against a real S3 implementation (s3proxy in this JVM), plus what only S3 has. */
class S3StorageDriverTest extends StorageDriverContract {
    @TempDir
    static Path objects;

    static S3ProxyFixture s3proxy;
    private String bucket;

    @BeforeAll
    static void startS3() throws Exception {
        s3proxy = S3ProxyFixture.start(objects);
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3proxy.close();
    }

    @Override
    protected StorageDriver newDriver() throws IOException {
        bucket = s3proxy.createBucket();
        return s3proxy.driver(bucket);
    }

    @Override
    protected StorageDriver reopen() throws IOException {
        return s3proxy.driver(bucket);
    }

    @Test
    void objectsLiveUnderThePrefixAndAppendedChunksAsPartObjects() throws IOException {
        S3StorageDriver prefixed = S3StorageDriver.connect(
                S3Config.parse(java.net.URI.create(s3proxy.blobStoreUri(bucket) + "&prefix=/tenant/a/")), s3proxy.credentials());
        try (StorageDriver.FileWriter w = prefixed.writer("uploads/u/data", true)) {
            w.stream().write(new byte[] {1, 2, 3});
            w.commit();
        }
        assertThat(keys()).containsExactly("tenant/a/uploads/u/data.parts/00000001");
        assertThat(driver.list("")).containsExactly("tenant");
        assertThat(prefixed.list("")).containsExactly("uploads");

        prefixed.move("uploads/u/data", "blobs/b/data");
        assertThat(keys()).containsExactly("tenant/a/blobs/b/data");
    }

    @Test
    void movingLargeChunksJoinsThemServerSide() throws IOException {
        long first = 5L * MIB + 17;
        long second = 3L * MIB;
        try (StorageDriver.FileWriter w = driver.writer("up/big/data", true); InputStream in = new SeededStream(7, first)) {
            in.transferTo(w.stream());
            w.commit();
        }
        try (StorageDriver.FileWriter w = driver.writer("up/big/data", true); InputStream in = new SeededStream(8, second)) {
            in.transferTo(w.stream());
            w.commit();
        }
        String expected = sha256Of(new java.io.SequenceInputStream(new SeededStream(7, first), new SeededStream(8, second)));

        driver.move("up/big/data", "blobs/big/data");

        assertThat(sha256Of(driver.reader("blobs/big/data", 0))).isEqualTo(expected);
        assertThat(keys()).containsExactly("blobs/big/data");
    }

    @Test
    void objectsAboveTheCopyLimitAreCopiedInRanges() throws IOException {
        // the same code path as a > 5 GiB blob on AWS, with the limits scaled down
        S3Client client = clientOf(driver);
        StorageDriver small = new S3StorageDriver(client, s3proxy.config(bucket), S3StorageDriver.PART_SIZE, 6L * MIB, 5L * MIB);
        long size = 13L * MIB + 5;
        try (StorageDriver.FileWriter w = small.writer("a/data", false); InputStream in = new SeededStream(9, size)) {
            in.transferTo(w.stream());
            w.commit();
        }
        small.move("a/data", "b/data");
        assertThat(sha256Of(small.reader("b/data", 0))).isEqualTo(sha256Of(new SeededStream(9, size)));
        assertThat(small.exists("a/data")).isFalse();
    }

    @Test
    void aCancelledLargeWriteLeavesNoMultipartUploadBehind() throws IOException {
        try (StorageDriver.FileWriter w = driver.writer("up/c/data", false)) {
            w.stream().write(new byte[11 * MIB]);
            w.cancel();
        }
        try (StorageDriver.FileWriter w = driver.writer("up/d/data", true)) {
            w.stream().write(new byte[6 * MIB]);
        }
        assertThat(clientOf(driver).listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
        assertThat(keys()).isEmpty();
    }

    @Test
    void pathsThatCouldEscapeOrCollideAreRefused() {
        for (String bad : new String[] {"", "a/../b", "a//b", "a/./b", "x.parts/1", "x.parts"}) {
            assertThatThrownBy(() -> driver.exists(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aMissingBucketFailsAtConnectNamingIt() {
        assertThatThrownBy(() -> s3proxy.driver("no-such-bucket"))
                .isInstanceOf(IOException.class).hasMessageContaining("no-such-bucket");
    }

    private java.util.List<String> keys() {
        return clientOf(driver).listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                .map(o -> o.key())
                .filter(k -> !k.endsWith("/")) // jclouds' filesystem store lists its folders; real S3 has none
                .sorted().toList();
    }

    private static S3Client clientOf(StorageDriver d) {
        return ((S3StorageDriver) d).client();
    }
}
