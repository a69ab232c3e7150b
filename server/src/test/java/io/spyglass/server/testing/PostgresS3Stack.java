package io.spyglass.server.testing;

import io.spyglass.server.ServerConfig;
import io.spyglass.server.store.DatabaseConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The scale-out storage stack for tests: one database on the shared PostgreSQL of this JVM and one
 * bucket on an s3proxy of its own. Any number of Spyglass nodes started from {@link #config}
 * share it, as nodes behind a load balancer would. Skips the calling test when PostgreSQL is not
 * installed.
 *
 * <pre>
 * try (PostgresS3Stack stack = PostgresS3Stack.start(tempDir)) {
 *     SpyglassServer a = SpyglassServer.start(stack.config(tempDir.resolve("node-a")));
 *     SpyglassServer b = SpyglassServer.start(stack.config(tempDir.resolve("node-b")));
 *     // or separate processes: spyglass serve --db-url stack.jdbcUrl() --blob-store stack.blobStore()
 *     //   with stack.environment() (the S3 credentials) in their environment
 * }
 * </pre>
 */
public final class PostgresS3Stack implements AutoCloseable {
    private final S3ProxyFixture s3;
    private final String jdbcUrl;
    private final String bucket;

    private PostgresS3Stack(S3ProxyFixture s3, String jdbcUrl, String bucket) {
        this.s3 = s3;
        this.jdbcUrl = jdbcUrl;
        this.bucket = bucket;
    }

    /** A new database and a new s3proxy keeping its objects under {@code dir/s3}. */
    public static PostgresS3Stack start(Path dir) throws Exception {
        String jdbcUrl = PostgresFixture.shared().newDatabase();
        S3ProxyFixture s3 = S3ProxyFixture.start(java.nio.file.Files.createDirectories(dir.resolve("s3")));
        return new PostgresS3Stack(s3, jdbcUrl, s3.createBucket());
    }

    /** A node's configuration: random port, its own data folder, the shared database and bucket. */
    public ServerConfig config(Path dataDir) {
        return new ServerConfig(0, dataDir).withDatabase(new DatabaseConfig(jdbcUrl, null, null))
                .withBlobStore(blobStore().toString());
    }

    /** {@code --db-url}: user and password are in the URL. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** {@code --blob-store}. */
    public URI blobStore() {
        return s3.blobStoreUri(bucket);
    }

    /** What a separate server process needs in its environment to reach the bucket. */
    public Map<String, String> environment() {
        return Map.of("AWS_ACCESS_KEY_ID", S3ProxyFixture.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3ProxyFixture.SECRET_KEY,
                "AWS_REGION", "us-east-1");
    }

    public S3ProxyFixture s3() {
        return s3;
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public void close() throws Exception {
        s3.close();
    }
}
