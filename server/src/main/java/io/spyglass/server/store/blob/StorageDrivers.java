package io.spyglass.server.store.blob;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** Picks the blob store named by {@code --blob-store}. */
public final class StorageDrivers {
    private StorageDrivers() {}

    /**
     * {@code s3://bucket?endpoint=…&region=…&prefix=…} connects to an S3-compatible store with
     * credentials from the environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, the
     * aws.accessKeyId / aws.secretAccessKey system properties, or profiles).
     */
    public static StorageDriver fromUri(URI uri, Path dataDir) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (scheme.equals("s3")) {
            return S3StorageDriver.connect(S3Config.parse(uri), DefaultCredentialsProvider.builder().build());
        }
        throw new IllegalArgumentException("unsupported blob store '" + uri
                + "': use s3://bucket?endpoint=URL&region=REGION, or leave it unset for a folder under " + dataDir);
    }
}
