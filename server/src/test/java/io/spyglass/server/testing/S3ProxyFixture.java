package io.spyglass.server.testing;

import io.spyglass.server.store.blob.S3Config;
import io.spyglass.server.store.blob.S3StorageDriver;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A real S3 implementation in this JVM: s3proxy on a random port, over jclouds' filesystem
 * provider (objects are files under a temp folder, so big blobs don't fill the heap), with
 * signature checking on. Start one per test class.
 *
 * <p>It also sets the {@code aws.accessKeyId} / {@code aws.secretAccessKey} system properties
 * (the SDK's default credential chain reads them), so a server started from an {@code s3://}
 * URI through {@code StorageDrivers.fromUri} finds the right credentials, as it would find
 * AWS_ACCESS_KEY_ID in production.
 */
public final class S3ProxyFixture implements AutoCloseable {
    public static final String ACCESS_KEY = "spyglass-test";
    public static final String SECRET_KEY = "spyglass-test-secret";
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    private S3ProxyFixture(BlobStoreContext context, S3Proxy proxy) {
        this.context = context;
        this.proxy = proxy;
    }

    /** Starts s3proxy storing its objects under {@code dir}. */
    public static S3ProxyFixture start(Path dir) throws Exception {
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.toAbsolutePath().toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem").overrides(props).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        // a loaded machine may take seconds to start Jetty
        long deadline = System.currentTimeMillis() + 60_000;
        while (!"STARTED".equals(proxy.getState()) && System.currentTimeMillis() < deadline) Thread.sleep(10);
        if (!"STARTED".equals(proxy.getState())) throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        return new S3ProxyFixture(context, proxy);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** A new, empty bucket. */
    public String createBucket() {
        String name = "spyglass-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
        context.getBlobStore().createContainerInLocation(null, name);
        return name;
    }

    /** The {@code --blob-store} value for a bucket of this proxy. */
    public URI blobStoreUri(String bucket) {
        return URI.create("s3://" + bucket + "?endpoint=" + endpoint() + "&region=us-east-1");
    }

    public S3Config config(String bucket) {
        return S3Config.parse(blobStoreUri(bucket));
    }

    public AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    public S3StorageDriver driver(String bucket) throws IOException {
        return S3StorageDriver.connect(config(bucket), credentials());
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
